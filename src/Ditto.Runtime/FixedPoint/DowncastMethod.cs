namespace Ditto.Runtime.FixedPoint;

/// <summary>How a secret value moves from the 64-bit ring to the 32-bit ring with m = f − f' fewer fraction bits.</summary>
public enum DowncastMethod
{
    /// <summary>
    /// The default: each side of a 2-of-2 sharing shifts its part locally and reduces it to the small ring, then one reshare
    /// in the small ring. 8 bytes per element in total, 1 round. Needs m ≤ 32 (else the reference runs).
    /// </summary>
    Fused,

    /// <summary>The reference (Ditto Algorithm 4, SPU dtype_cast): truncate by m bits in the big ring, then reduce every share locally.</summary>
    TruncateThenReduce,
}
