namespace Ditto.Models.Weights;

/// <summary>
/// A weight source that gives placeholders: each tensor's shape, never its values. What the parties that do not own a
/// model load, so that they know every shape the protocols need and nothing else.
/// </summary>
public sealed class ShapesOnlyWeights(IWeightSource inner) : IWeightSource
{
    private readonly IWeightSource _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc/>
    public string Description => _inner.Description;

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Names => _inner.Names;

    /// <inheritdoc/>
    public bool Contains(string name) => _inner.Contains(name);

    /// <inheritdoc/>
    public string FileOf(string name) => _inner.FileOf(name);

    /// <inheritdoc/>
    public IReadOnlyList<long>? ShapeOf(string name) => _inner.ShapeOf(name);

    /// <inheritdoc/>
    public Tensor Read(string name)
    {
        var shape = _inner.ShapeOf(name) ?? throw new ModelFileException(_inner.FileOf(name), name, "the tensor does not exist.");
        return Tensor.Placeholder(new Ditto.Runtime.Tensors.TensorShape([.. shape.Select(d => checked((int)d))]), name);
    }
}
