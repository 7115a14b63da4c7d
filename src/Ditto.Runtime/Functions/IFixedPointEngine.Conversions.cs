using Ditto.Runtime.FixedPoint;

namespace Ditto.Runtime.Functions;

/// <summary>The one conversion API (see docs/protocols.md, conversions).</summary>
public partial interface IFixedPointEngine<TA, TB>
{
    /// <summary>
    /// Converts x to <paramref name="format"/> by the cheapest correct path: nothing when the formats are equal; a
    /// truncation or a local shift within a ring; a downcast or an upcast between rings.
    /// </summary>
    TA Cast(TA x, FixedPointFormat format);
}
