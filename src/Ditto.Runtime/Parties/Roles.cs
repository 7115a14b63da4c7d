namespace Ditto.Runtime.Parties;

/// <summary>
/// Roles of a dealer-style protocol for one call, rotated by a pivot drawn from the public stream so that no party is
/// always the helper: A = pivot, B = pivot+1, C = pivot+2 (mod 3).
/// </summary>
/// <param name="A">The party that holds x_A + x_(A+1) in the 3-to-2 conversion.</param>
/// <param name="B">The party that holds x_(A+2) and receives.</param>
/// <param name="C">The helper (dealer); it also knows x_(A+2).</param>
public readonly record struct Roles(int A, int B, int C)
{
    /// <summary>Roles for a pivot in 0..2.</summary>
    public static Roles FromPivot(int pivot) => new(pivot, (pivot + 1) % 3, (pivot + 2) % 3);
}
