using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Functions;

/// <summary>Products whose left operand is one party's private input, held in the clear by its owner.</summary>
public partial interface IFixedPointEngine<TA, TB>
{
    /// <summary>
    /// X · op(y) where X is party <paramref name="owner"/>'s private input (others pass null values; only the shape is
    /// public): cheaper than sharing X first (see <see cref="Protocols.Arithmetic.PrivateMatMul"/>). Fraction bits add up.
    /// </summary>
    TA MatMulPrivate(float[]? values, TensorShape shape, FixedPointFormat format, int owner, TA y, bool transposeY);
}
