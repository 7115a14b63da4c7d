namespace Ditto.Models.Onnx;

/// <summary>One node of an ONNX graph: its operator, the value names it reads and writes, and its simple attributes.</summary>
/// <param name="Name">The node name (may be empty).</param>
/// <param name="OpType">The operator ("MatMul").</param>
/// <param name="Inputs">Input value names in order (an empty name is an omitted optional input).</param>
/// <param name="Outputs">Output value names in order.</param>
/// <param name="Attributes">Attributes with a number, string or tensor value; graph-valued attributes are skipped.</param>
public sealed record OnnxNode(string Name, string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyList<OnnxAttribute> Attributes);

/// <summary>An ONNX node attribute (only the kinds a weight loader needs: int, float, string, ints, floats, tensor).</summary>
/// <param name="Name">The attribute name.</param>
/// <param name="Int">An INT value.</param>
/// <param name="Float">A FLOAT value.</param>
/// <param name="String">A STRING value.</param>
/// <param name="Ints">INTS values (empty when absent).</param>
/// <param name="Floats">FLOATS values (empty when absent).</param>
/// <param name="Tensor">A TENSOR value (a Constant node's).</param>
public sealed record OnnxAttribute(string Name, long? Int, float? Float, string? String, IReadOnlyList<long> Ints, IReadOnlyList<float> Floats, OnnxTensor? Tensor);
