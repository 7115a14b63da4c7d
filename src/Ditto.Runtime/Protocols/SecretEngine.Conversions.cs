using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols;

/// <summary>Conversions between formats as protocols (see <see cref="Casting"/> and docs/protocols.md, Conversions).</summary>
public sealed partial class SecretEngine
{
    /// <summary>Which conversion protocols <see cref="Cast"/> runs (defaults: the cheapest correct ones).</summary>
    public CastOptions CastOptions { get; set; } = CastOptions.Default;

    /// <inheritdoc/>
    public ArithmeticShare Cast(ArithmeticShare x, FixedPointFormat format) => Party.Cast(x, format, CastOptions);
}
