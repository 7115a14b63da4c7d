using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Engines.Cost;

/// <summary>A fixed-point tensor of the <see cref="CostEngine"/>: only its shape and format, no values.</summary>
/// <param name="Shape">The tensor shape.</param>
/// <param name="Format">The fixed-point format (a product's format has the summed fraction bits until it is truncated).</param>
public sealed record CostTensor(TensorShape Shape, FixedPointFormat Format);
