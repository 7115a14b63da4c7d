namespace Ditto.Models.Synthetic;

/// <summary>
/// A table of state-dict names and shapes in PyTorch's conventions, from which a <see cref="SyntheticWeightSource"/> is
/// built: each architecture lists its tensors once, and the loaders validate them against the config like a checkpoint.
/// </summary>
public sealed class StateDictShapes
{
    private readonly Dictionary<string, long[]> _shapes = new(StringComparer.Ordinal);

    /// <summary>The names and shapes so far.</summary>
    public IReadOnlyDictionary<string, long[]> Shapes => _shapes;

    /// <summary>One tensor.</summary>
    public StateDictShapes Tensor(string name, params long[] shape)
    {
        _shapes[name] = shape;
        return this;
    }

    /// <summary>A LayerNorm's weight and bias of width d.</summary>
    public StateDictShapes Norm(string name, long d) => Tensor(name + ".weight", d).Tensor(name + ".bias", d);

    /// <summary>A PyTorch Linear: weight stored [out, in], and a bias.</summary>
    public StateDictShapes Linear(string name, long inputs, long outputs) => Tensor(name + ".weight", outputs, inputs).Tensor(name + ".bias", outputs);

    /// <summary>GPT-2's Conv1D: weight stored [in, out], and a bias.</summary>
    public StateDictShapes Conv1D(string name, long inputs, long outputs) => Tensor(name + ".weight", inputs, outputs).Tensor(name + ".bias", outputs);
}
