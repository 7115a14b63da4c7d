namespace Ditto.Runtime.Functions;

/// <summary>Public metadata.</summary>
public partial interface IFixedPointEngine<TA, TB>
{
    /// <summary>Makes party <paramref name="owner"/>'s public integers (sizes, counts) known to every party; others pass null.</summary>
    int[] Announce(int[]? values, int owner);
}
