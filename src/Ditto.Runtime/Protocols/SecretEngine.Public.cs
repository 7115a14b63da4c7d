using Ditto.Runtime.Protocols.Arithmetic;

namespace Ditto.Runtime.Protocols;

/// <summary>Public metadata between the parties.</summary>
public sealed partial class SecretEngine
{
    /// <inheritdoc/>
    public int[] Announce(int[]? values, int owner) => Party.Announce(values, owner);
}
