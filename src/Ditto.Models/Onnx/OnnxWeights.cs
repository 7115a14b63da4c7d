using Ditto.Models.Weights;

namespace Ditto.Models.Onnx;

/// <summary>
/// An ONNX model's float initializers seen as a PyTorch state dict. PyTorch's exporter gives Linear weights anonymous
/// names ("927") and stores them transposed, [in, out], because they feed MatMul(x, W). The naming rule recovers them:
/// for each MatMul whose second input is an initializer, the Add that consumes its output adds a bias initializer
/// "&lt;layer&gt;.bias"; the weight is "&lt;layer&gt;.weight". Such weights are presented under that name in PyTorch's
/// [out, in] layout, so one loader serves safetensors and ONNX alike. Every initializer also stays under its own name.
/// </summary>
public sealed class OnnxWeights : IWeightSource
{
    private readonly OnnxModel _model;
    private readonly Dictionary<string, (OnnxTensor Tensor, bool Transposed)> _tensors = new(StringComparer.Ordinal);

    /// <summary>Indexes the model's initializers and applies the naming rule.</summary>
    public OnnxWeights(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        foreach (var t in model.Initializers)
        {
            _tensors[t.Name] = (t, false);
        }

        foreach (var (name, weight) in RecoverLinearNames(model))
        {
            if (!_tensors.TryAdd(name, (weight, true)))
            {
                throw new ModelFileException(model.Path, name, $"the naming rule names MatMul weight '{weight.Name}' like an existing initializer");
            }

            Renamed[name] = weight.Name;
        }
    }

    /// <summary>Recovered name → original initializer name, for the weights the naming rule named.</summary>
    public Dictionary<string, string> Renamed { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public string Description => _model.Path;

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Names => _tensors.Keys;

    /// <inheritdoc/>
    public bool Contains(string name) => _tensors.ContainsKey(name);

    /// <inheritdoc/>
    public string FileOf(string name) => _model.Path;

    /// <inheritdoc/>
    public IReadOnlyList<long>? ShapeOf(string name) => _tensors.TryGetValue(name, out var e)
        ? (e.Transposed ? e.Tensor.Dims.Reverse().ToArray() : e.Tensor.Dims)
        : null;

    /// <inheritdoc/>
    public Tensor Read(string name)
    {
        if (!_tensors.TryGetValue(name, out var e))
        {
            throw new ModelFileException(_model.Path, name, "no initializer of this name, and the naming rule derives none");
        }

        var t = e.Tensor.ToTensor(name);
        return e.Transposed ? t.TransposeLast().Named(name) : t;
    }

    private static IEnumerable<(string Name, OnnxTensor Weight)> RecoverLinearNames(OnnxModel model)
    {
        var consumers = new Dictionary<string, List<OnnxNode>>(StringComparer.Ordinal);
        foreach (var node in model.Nodes)
        {
            foreach (var input in node.Inputs)
            {
                if (!consumers.TryGetValue(input, out var list))
                {
                    consumers[input] = list = [];
                }

                list.Add(node);
            }
        }

        foreach (var matMul in model.Nodes.Where(n => n.OpType == "MatMul" && n.Inputs.Count == 2 && n.Outputs.Count == 1))
        {
            if (!model.InitializersByName.TryGetValue(matMul.Inputs[1], out var weight) || weight.Dims.Count != 2
                || !consumers.TryGetValue(matMul.Outputs[0], out var users) || users.Count != 1 || users[0].OpType != "Add")
            {
                continue;
            }

            var add = users[0];
            var bias = add.Inputs.FirstOrDefault(i => i != matMul.Outputs[0] && model.InitializersByName.ContainsKey(i));
            if (bias is not null && bias.EndsWith(".bias", StringComparison.Ordinal))
            {
                yield return (bias[..^".bias".Length] + ".weight", weight);
            }
        }
    }
}
