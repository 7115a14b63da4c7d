using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols;

/// <summary>Fused primitives as protocols.</summary>
public sealed partial class SecretEngine
{
    /// <inheritdoc/>
    public ArithmeticShare MultiplyTruncate(ArithmeticShare x, ArithmeticShare y, int bits, FixedPointFormat format) => Party.MultiplyTruncated(x, y, bits, format);
}
