using Ditto.Models.Weights;
using Ditto.Runtime.Tensors;

namespace Ditto.Models.Synthetic;

/// <summary>
/// A weight source made from a table of names and shapes rather than a file: the loaders check every shape against the
/// config, so a source built from a config is validated by the same code as a real checkpoint. Subclasses say what
/// values a tensor has.
/// </summary>
public abstract class SyntheticWeightSource : IWeightSource
{
    private readonly Dictionary<string, long[]> _shapes;

    /// <summary>A source with these tensors.</summary>
    protected SyntheticWeightSource(IEnumerable<KeyValuePair<string, long[]>> shapes, string description)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        _shapes = new Dictionary<string, long[]>(shapes, StringComparer.Ordinal);
        Description = description ?? throw new ArgumentNullException(nameof(description));
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Names => _shapes.Keys;

    /// <inheritdoc/>
    public bool Contains(string name) => _shapes.ContainsKey(name);

    /// <inheritdoc/>
    public string FileOf(string name) => Description;

    /// <inheritdoc/>
    public IReadOnlyList<long>? ShapeOf(string name) => _shapes.TryGetValue(name, out var shape) ? shape : null;

    /// <inheritdoc/>
    public Tensor Read(string name)
    {
        var shape = ShapeOf(name) ?? throw new ModelFileException(Description, name, "the tensor does not exist.");
        return Create(name, new TensorShape([.. shape.Select(d => checked((int)d))]));
    }

    /// <summary>The tensor <paramref name="name"/> of <paramref name="shape"/>.</summary>
    protected abstract Tensor Create(string name, TensorShape shape);
}
