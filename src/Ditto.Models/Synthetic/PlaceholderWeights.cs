using Ditto.Models.Weights;

namespace Ditto.Models.Synthetic;

/// <summary>
/// A weight source that holds only names and shapes and gives placeholders (<see cref="Tensor.Placeholder"/>): what a
/// model needs for a cost estimate or a shape check when no weight file is at hand. The loaders check every shape against
/// the config, so a source built from a config is validated by the same code as a real checkpoint.
/// </summary>
public sealed class PlaceholderWeights : IWeightSource
{
    private readonly Dictionary<string, long[]> _shapes;

    /// <summary>A source with these tensors.</summary>
    public PlaceholderWeights(IEnumerable<KeyValuePair<string, long[]>> shapes, string description)
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
        return Tensor.Placeholder(new Ditto.Runtime.Tensors.TensorShape([.. shape.Select(d => checked((int)d))]), name);
    }
}
