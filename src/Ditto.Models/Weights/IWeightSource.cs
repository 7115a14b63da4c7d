namespace Ditto.Models.Weights;

/// <summary>Named float tensors from one or more weight files: a safetensors file, a sharded safetensors set, or ONNX initializers.</summary>
public interface IWeightSource
{
    /// <summary>What the weights came from, for messages (a path, or a directory for a sharded set).</summary>
    string Description { get; }

    /// <summary>The tensor names.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>True when a tensor of that name exists.</summary>
    bool Contains(string name);

    /// <summary>The file a tensor lives in (or <see cref="Description"/> when it does not exist), for messages.</summary>
    string FileOf(string name);

    /// <summary>A tensor's shape, without reading its values; null when it does not exist.</summary>
    IReadOnlyList<long>? ShapeOf(string name);

    /// <summary>Reads a tensor as float32; throws <see cref="ModelFileException"/> when it is missing or cannot be read.</summary>
    Tensor Read(string name);
}
