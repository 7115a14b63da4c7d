using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Engines.Cost;

/// <summary>A bit tensor of the <see cref="CostEngine"/>: only its shape and how many bits each element holds.</summary>
/// <param name="Shape">The tensor shape.</param>
/// <param name="Width">Meaningful low bits per element (1 to 64).</param>
public sealed record CostBits(TensorShape Shape, int Width);
