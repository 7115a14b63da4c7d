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

    /// <summary>
    /// A map from the ids 0 … n−1 (as JSON keys, Hugging Face's <c>id2label</c>) to strings, as the list of its values in
    /// id order; null when absent. A gap, a duplicate or a key that is not an id names the field.
    /// </summary>
    public IReadOnlyList<string>? IdMap(string field)
    {
        if (!_root.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFileException(Path, field, $"must be an object from ids to names, not {v.ValueKind}");
        }

        var entries = new SortedDictionary<int, string>();
        foreach (var entry in v.EnumerateObject())
        {
            if (!int.TryParse(entry.Name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                throw new ModelFileException(Path, field, $"has the key \"{entry.Name}\", which is not an id (0, 1, 2, …)");
            }

            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw new ModelFileException(Path, field, $"maps {id} to {entry.Value.GetRawText()}, not a string");
            }

            if (!entries.TryAdd(id, entry.Value.GetString()!))
            {
                throw new ModelFileException(Path, field, $"has the id {id} twice");
            }
        }

        var expected = 0;
        foreach (var id in entries.Keys)
        {
            if (id != expected++)
            {
                throw new ModelFileException(Path, field, $"has no id {expected - 1}; the ids must run 0 … {entries.Count - 1}");
            }
        }

        return entries.Count > 0 ? [.. entries.Values] : throw new ModelFileException(Path, field, "is empty");
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
