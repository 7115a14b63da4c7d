using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Engines.Clear;

/// <summary>Private inputs in the clear: the emulator holds every input, so the product is an ordinary ring product.</summary>
public sealed partial class ClearEngine
{
    /// <inheritdoc/>
    public ClearTensor MatMulPrivate(float[]? values, TensorShape shape, FixedPointFormat format, int owner, ClearTensor y, bool transposeY) =>
        MatMul(Input(values, shape, format, owner), y, false, transposeY);
}
