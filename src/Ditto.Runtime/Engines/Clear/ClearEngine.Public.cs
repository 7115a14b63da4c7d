namespace Ditto.Runtime.Engines.Clear;

/// <summary>Public metadata in the clear: the emulator is every party at once.</summary>
public sealed partial class ClearEngine
{
    /// <inheritdoc/>
    public int[] Announce(int[]? values, int owner) => values ?? throw new ArgumentNullException(nameof(values), $"the public values of party {owner}");
}
