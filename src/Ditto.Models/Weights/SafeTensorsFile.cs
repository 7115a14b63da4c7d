using Ditto.Runtime.Tensors;

namespace Ditto.Models.Weights;

/// <summary>
/// One Hugging Face safetensors file. <see cref="Open"/> validates the whole header against the file (see
/// <see cref="SafeTensorsHeader"/> for the rules) before anything else; <see cref="Read"/> then reads one tensor's byte
/// range and decodes F32, F16 or BF16 to float32. Every failure is a <see cref="ModelFileException"/>.
/// </summary>
public sealed class SafeTensorsFile : IWeightSource
{
    private const int ChunkBytes = 1 << 20;
    private readonly IReadOnlyDictionary<string, SafeTensorInfo> _tensors;
    private readonly long _dataStart;
    private readonly long _fileLength;

    private SafeTensorsFile(string path, IReadOnlyDictionary<string, SafeTensorInfo> tensors, IReadOnlyDictionary<string, string> metadata, long dataStart, long fileLength)
    {
        Path = path;
        _tensors = tensors;
        Metadata = metadata;
        _dataStart = dataStart;
        _fileLength = fileLength;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>The "__metadata__" map (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Every tensor's validated header entry.</summary>
    public IReadOnlyDictionary<string, SafeTensorInfo> Tensors => _tensors;

    /// <inheritdoc/>
    public string Description => Path;

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Names => (IReadOnlyCollection<string>)_tensors.Keys;

    /// <summary>Opens and validates a file; throws <see cref="ModelFileException"/> naming the file (and tensor) at fault.</summary>
    public static SafeTensorsFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.RandomAccess);
            var (tensors, metadata, dataStart) = SafeTensorsHeader.Read(path, stream);
            return new SafeTensorsFile(path, tensors, metadata, dataStart, stream.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, null, $"cannot read the file: {e.Message}", innerException: e);
        }
    }

    /// <inheritdoc/>
    public bool Contains(string name) => _tensors.ContainsKey(name);

    /// <inheritdoc/>
    public string FileOf(string name) => Path;

    /// <inheritdoc/>
    public IReadOnlyList<long>? ShapeOf(string name) => _tensors.TryGetValue(name, out var t) ? t.Shape : null;

    /// <inheritdoc/>
    public Tensor Read(string name)
    {
        if (!_tensors.TryGetValue(name, out var info))
        {
            throw new ModelFileException(Path, name, "no tensor of this name in the file");
        }

        if (!info.DType.IsFloatWeight())
        {
            throw new ModelFileException(Path, name, $"dtype {info.DType.Name()} is not a float weight type; expected F32, F16 or BF16");
        }

        if (info.Shape.Any(d => d == 0) || info.Elements > int.MaxValue)
        {
            throw new ModelFileException(Path, name, $"shape {info.ShapeText} cannot be a model weight (empty, or more than {int.MaxValue} elements)");
        }

        var dims = info.Shape.Select(d => (int)d).ToArray();
        var values = new float[info.Elements];
        var size = info.DType.Size();
        try
        {
            using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
            if (RandomAccess.GetLength(handle) != _fileLength)
            {
                throw new ModelFileException(Path, name, $"the file changed size since it was opened ({_fileLength} → {RandomAccess.GetLength(handle)} bytes)");
            }

            var buffer = new byte[Math.Min(ChunkBytes, info.End - info.Begin)];
            var chunkElements = buffer.Length / size;
            for (long done = 0; done < info.Elements; done += chunkElements)
            {
                var count = (int)Math.Min(chunkElements, info.Elements - done);
                var span = buffer.AsSpan(0, count * size);
                var offset = _dataStart + info.Begin + (done * size);
                ReadFully(handle, span, offset, name);

                FloatDecoding.Decode(info.DType, span, values.AsSpan((int)done, count));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(Path, name, $"cannot read the tensor: {e.Message}", innerException: e);
        }

        return new Tensor(values, new TensorShape(dims), name);
    }

    private void ReadFully(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> span, long offset, string name)
    {
        while (!span.IsEmpty)
        {
            var read = RandomAccess.Read(handle, span, offset);
            if (read <= 0)
            {
                throw new ModelFileException(Path, name, "the file ended while reading the tensor", offset);
            }

            span = span[read..];
            offset += read;
        }
    }
}
