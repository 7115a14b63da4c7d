namespace Ditto.Models.Weights;

/// <summary>One tensor's entry in a safetensors header, validated: its byte range lies inside the data section and matches shape × element size.</summary>
/// <param name="Name">The tensor name.</param>
/// <param name="DType">The element type.</param>
/// <param name="Shape">The dimensions (may be empty for a scalar; a dimension may be 0).</param>
/// <param name="Begin">Start of the data, counted from the first byte after the header.</param>
/// <param name="End">End of the data (exclusive), counted likewise.</param>
public sealed record SafeTensorInfo(string Name, SafeTensorDType DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    /// <summary>The number of elements.</summary>
    public long Elements => Shape.Aggregate(1L, (p, d) => p * d);

    /// <summary>"[50257, 128]".</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
