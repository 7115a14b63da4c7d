using Ditto.Models.Configs;
using Ditto.Models.Onnx;
using Ditto.Models.Weights;

namespace Ditto.Models.Bert;

/// <summary>
/// Derives a <see cref="BertConfig"/> from an ONNX BERT export, which has no config.json: the sizes come from initializer
/// shapes, the head size from the constant the attention scores are divided by (√head size), ε from the constant
/// added to the LayerNorm variance, and the activation from the presence of Erf (exact GeLU).
/// </summary>
public static class OnnxBertConfig
{
    /// <summary>Derives and validates the configuration.</summary>
    public static BertConfig Derive(OnnxModel onnx, IWeightSource weights)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        ArgumentNullException.ThrowIfNull(weights);
        var p = weights.Contains("bert.embeddings.word_embeddings.weight") ? "bert." : string.Empty;
        var words = Shape(onnx, weights, $"{p}embeddings.word_embeddings.weight", 2);
        var positions = Shape(onnx, weights, $"{p}embeddings.position_embeddings.weight", 2);
        var types = Shape(onnx, weights, $"{p}embeddings.token_type_embeddings.weight", 2);
        var inner = Shape(onnx, weights, $"{p}encoder.layer.0.intermediate.dense.bias", 1);
        var layers = 0;
        while (weights.Contains($"{p}encoder.layer.{layers}.attention.self.query.bias"))
        {
            layers++;
        }

        var hidden = (int)words[1];
        var headSize = HeadSize(onnx);
        return new BertConfig
        {
            VocabSize = (int)words[0],
            HiddenSize = hidden,
            Layers = layers,
            Heads = hidden % headSize == 0 ? hidden / headSize : throw new ModelFileException(onnx.Path, "attention scale", $"head size {headSize} (from the score scale) does not divide the hidden size {hidden}"),
            IntermediateSize = (int)inner[0],
            MaxPositions = (int)positions[0],
            TypeVocabSize = (int)types[0],
            LayerNormEps = Epsilon(onnx),
            Activation = onnx.Nodes.Any(n => n.OpType == "Erf")
                ? GeluVariant.Erf
                : throw new ModelFileException(onnx.Path, "Erf", "the graph has no Erf node, so the activation is not BERT's exact GeLU; cannot derive it"),
        }.Validate(onnx.Path);
    }

    private static IReadOnlyList<long> Shape(OnnxModel onnx, IWeightSource weights, string name, int rank)
    {
        var shape = weights.ShapeOf(name) ?? throw new ModelFileException(onnx.Path, name, "missing: needed to derive the configuration");
        return shape.Count == rank && shape.All(d => d is > 0 and <= int.MaxValue)
            ? shape
            : throw new ModelFileException(onnx.Path, name, $"has shape [{string.Join(", ", shape)}]; expected {rank} positive dimensions");
    }

    /// <summary>The first Div of a product of two activations (q·kᵀ) by a scalar constant c: head size = c².</summary>
    private static int HeadSize(OnnxModel onnx)
    {
        var producers = Producers(onnx);
        foreach (var div in onnx.Nodes.Where(n => n.OpType == "Div" && n.Inputs.Count == 2))
        {
            if (producers.TryGetValue(div.Inputs[0], out var mm) && mm.OpType == "MatMul" && mm.Inputs.All(i => !onnx.InitializersByName.ContainsKey(i))
                && Scalar(onnx, producers, div.Inputs[1]) is { } c)
            {
                var size = Math.Round(c * c);
                return size >= 1 && size <= int.MaxValue && Math.Abs((c * c) - size) < 1e-3 * size
                    ? (int)size
                    : throw new ModelFileException(onnx.Path, div.Inputs[1], $"the attention scores are divided by {c}, which is not the square root of a head size");
            }
        }

        throw new ModelFileException(onnx.Path, "attention scale", "no division of attention scores by a constant √(head size); cannot derive the number of heads");
    }

    /// <summary>The constant of the first Add that feeds a Sqrt (the LayerNorm's variance + ε).</summary>
    private static double Epsilon(OnnxModel onnx)
    {
        var producers = Producers(onnx);
        foreach (var sqrt in onnx.Nodes.Where(n => n.OpType == "Sqrt" && n.Inputs.Count == 1))
        {
            if (producers.TryGetValue(sqrt.Inputs[0], out var add) && add.OpType == "Add")
            {
                foreach (var input in add.Inputs)
                {
                    if (Scalar(onnx, producers, input) is { } eps)
                    {
                        return eps;
                    }
                }
            }
        }

        throw new ModelFileException(onnx.Path, "LayerNorm epsilon", "no Add of a constant before a Sqrt; cannot derive the LayerNorm ε");
    }

    private static Dictionary<string, OnnxNode> Producers(OnnxModel onnx)
    {
        var producers = new Dictionary<string, OnnxNode>(StringComparer.Ordinal);
        foreach (var node in onnx.Nodes)
        {
            foreach (var output in node.Outputs)
            {
                producers[output] = node;
            }
        }

        return producers;
    }

    private static double? Scalar(OnnxModel onnx, Dictionary<string, OnnxNode> producers, string name)
    {
        var tensor = onnx.InitializersByName.TryGetValue(name, out var t) ? t
            : producers.TryGetValue(name, out var node) && node.OpType == "Constant" ? node.Attributes.FirstOrDefault(a => a.Name == "value")?.Tensor
            : null;
        return tensor is { Elements: 1, DataType: OnnxDataType.Float or OnnxDataType.Float16 or OnnxDataType.BFloat16 } ? tensor.ToScalar() : null;
    }
}
