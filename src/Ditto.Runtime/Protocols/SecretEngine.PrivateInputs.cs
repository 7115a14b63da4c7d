using Ditto.Runtime.Emulation;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Protocols;

/// <summary>Products with a private left operand, as the dedicated protocol.</summary>
public sealed partial class SecretEngine
{
    /// <inheritdoc/>
    public ArithmeticShare MatMulPrivate(float[]? values, TensorShape shape, FixedPointFormat format, int owner, ArithmeticShare y, bool transposeY)
    {
        ShareChecks.Owner(owner);
        if (Party.Id == owner && (values is null || values.Length != shape.Elements))
        {
            throw new ArgumentException($"Party {owner} must supply {shape.Elements} values for its private input of shape [{shape}], not {values?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}.");
        }

        var encoded = Party.Id == owner ? ClearTensor.Encode(values!, shape, format) : null;
        return y switch
        {
            ArithmeticShare<uint> b => Party.MatMulPrivate(owner, (encoded as ClearTensor<uint>)?.Values ?? [], shape, format, b, transposeY),
            ArithmeticShare<ulong> b => Party.MatMulPrivate(owner, (encoded as ClearTensor<ulong>)?.Values ?? [], shape, format, b, transposeY),
            _ => throw new NotSupportedException($"Unknown share type {y.GetType().Name}."),
        };
    }
}
