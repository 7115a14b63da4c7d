using System.Text.Json;

namespace Ditto.Models.Configs;

/// <summary>Typed, validated access to the fields of a Hugging Face config.json; every problem names the file and the field.</summary>
internal sealed class ConfigJson
{
    private readonly JsonElement _root;

    private ConfigJson(string path, JsonElement root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    /// <summary>Parses config text; the document is cloned so nothing needs disposing.</summary>
    public static ConfigJson Parse(string json, string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16, AllowTrailingCommas = false });
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? new ConfigJson(path, doc.RootElement.Clone())
                : throw new ModelFileException(path, null, $"a config must be a JSON object, not {doc.RootElement.ValueKind}");
        }
        catch (JsonException e)
        {
            throw new ModelFileException(path, null, $"not valid JSON: {e.Message}", innerException: e);
        }
    }

    /// <summary>Reads a config file (at most 16 MB).</summary>
    public static ConfigJson Load(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new ModelFileException(path, null, "no such file; a Hugging Face model folder holds its config.json beside the weights");
            }

            return info.Length > 16 << 20
                ? throw new ModelFileException(path, null, $"the file has {info.Length} bytes; a config is a small JSON object (limit 16 MB)")
                : Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, null, $"cannot read the file: {e.Message}", innerException: e);
        }
    }

    public bool Has(string field) => _root.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null;

    /// <summary>A required integer ≥ <paramref name="minimum"/>.</summary>
    public int Int(string field, int minimum = 1) => OptionalInt(field, minimum)
        ?? throw new ModelFileException(Path, field, $"missing; expected an integer ≥ {minimum}");

    public int? OptionalInt(string field, int minimum = 1)
    {
        if (!_root.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n))
        {
            throw new ModelFileException(Path, field, $"must be an integer, not {v.GetRawText()}");
        }

        return n >= minimum ? n : throw new ModelFileException(Path, field, $"is {n}; it must be at least {minimum}");
    }

    /// <summary>A number &gt; 0 and &lt; <paramref name="below"/>, or the default when absent.</summary>
    public double PositiveDouble(string field, double fallback, double below = double.MaxValue)
    {
        if (!_root.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            throw new ModelFileException(Path, field, $"must be a number, not {v.GetRawText()}");
        }

        return d > 0 && d < below ? d : throw new ModelFileException(Path, field, $"is {d}; it must lie in (0, {below})");
    }

    public string? String(string field)
    {
        if (!_root.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new ModelFileException(Path, field, $"must be a string, not {v.GetRawText()}");
    }

    public bool Bool(string field, bool fallback)
    {
        if (!_root.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ModelFileException(Path, field, $"must be true or false, not {v.GetRawText()}"),
        };
    }
}
