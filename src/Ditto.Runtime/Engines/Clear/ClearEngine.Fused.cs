using Ditto.Runtime.FixedPoint;

namespace Ditto.Runtime.Engines.Clear;

/// <summary>Fused primitives in the clear.</summary>
public sealed partial class ClearEngine
{
    /// <inheritdoc/>
    public ClearTensor MultiplyTruncate(ClearTensor x, ClearTensor y, int bits, FixedPointFormat format)
    {
        if (format.RingBits != x.Format.RingBits || bits < 1 || bits > format.RingBits - 2)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"multiply-truncate: cannot shift by {bits} bits into {format} from {x.Format}.");
        }

        var product = Binary("multiply-truncate", x, y, sameFormat: false, (a, b, r) => Kernels.RingKernels.Multiply(a, b, r), (a, b, r) => Kernels.RingKernels.Multiply(a, b, r), x.Format);
        return Relabel(Unary(product, (a, r) => Kernels.RingKernels.ShiftRightArithmetic(a, bits, r), (a, r) => Kernels.RingKernels.ShiftRightArithmetic(a, bits, r), x.Format), format);
    }
}
