using Ditto.Runtime.FixedPoint;

namespace Ditto.Runtime.Functions;

/// <summary>Fused primitives: one protocol where the function library would otherwise call two.</summary>
public partial interface IFixedPointEngine<TA, TB>
{
    /// <summary>
    /// ⌊x·y / 2^bits⌋ on the ring integers (floor in the clear; floor or floor + 1 in MPC), labelled
    /// <paramref name="format"/> (x's ring): a product and a truncation in one protocol. Needs |x·y| &lt; 2^(k−2).
    /// </summary>
    TA MultiplyTruncate(TA x, TA y, int bits, FixedPointFormat format);
}
