using Ditto.Runtime.Tensors;

namespace Ditto.Models.Synthetic;

/// <summary>
/// A weight source that holds only names and shapes and gives placeholders (<see cref="Tensor.Placeholder"/>): what a
/// model needs for a cost estimate or a shape check when no weight file is at hand.
/// </summary>
public sealed class PlaceholderWeights(IEnumerable<KeyValuePair<string, long[]>> shapes, string description)
    : SyntheticWeightSource(shapes, description)
{
    /// <inheritdoc/>
    protected override Tensor Create(string name, TensorShape shape) => Tensor.Placeholder(shape, name);
}
