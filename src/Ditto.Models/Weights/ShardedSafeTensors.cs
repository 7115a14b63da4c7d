using System.Text.Json;

namespace Ditto.Models.Weights;

/// <summary>
/// A sharded Hugging Face checkpoint: model.safetensors.index.json maps every tensor name to a shard file in the same
/// folder. Validated strictly: the index is a JSON object with a "weight_map" of strings; shard names are plain file
/// names (no folders, no ".."); every shard is a valid safetensors file; every listed tensor is in its shard; and every
/// tensor of every shard is listed, under that shard.
/// </summary>
public sealed class ShardedSafeTensors : IWeightSource
{
    private readonly Dictionary<string, SafeTensorsFile> _byTensor;

    private ShardedSafeTensors(string indexPath, Dictionary<string, SafeTensorsFile> byTensor)
    {
        IndexPath = indexPath;
        _byTensor = byTensor;
    }

    /// <summary>The index file's path.</summary>
    public string IndexPath { get; }

    /// <inheritdoc/>
    public string Description => IndexPath;

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Names => _byTensor.Keys;

    /// <summary>Opens the index and validates it and every shard it names.</summary>
    public static ShardedSafeTensors Open(string indexPath)
    {
        ArgumentNullException.ThrowIfNull(indexPath);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(indexPath))!;
        var map = ReadWeightMap(indexPath);
        var shards = new Dictionary<string, SafeTensorsFile>(StringComparer.Ordinal);
        var byTensor = new Dictionary<string, SafeTensorsFile>(StringComparer.Ordinal);
        foreach (var (tensor, shardName) in map)
        {
            if (!shards.TryGetValue(shardName, out var shard))
            {
                var shardPath = System.IO.Path.Combine(folder, shardName);
                if (!File.Exists(shardPath))
                {
                    throw new ModelFileException(indexPath, tensor, $"the index places this tensor in shard '{shardName}', which does not exist in {folder}");
                }

                shard = SafeTensorsFile.Open(shardPath);
                shards.Add(shardName, shard);
            }

            if (!shard.Contains(tensor))
            {
                throw new ModelFileException(shard.Path, tensor, $"{System.IO.Path.GetFileName(indexPath)} places this tensor in this shard, but the shard does not contain it");
            }

            byTensor.Add(tensor, shard);
        }

        foreach (var shard in shards.Values)
        {
            foreach (var name in shard.Names)
            {
                if (!map.TryGetValue(name, out var listed) || !ReferenceEquals(shards[listed], shard))
                {
                    throw new ModelFileException(shard.Path, name, $"the shard holds this tensor but {System.IO.Path.GetFileName(indexPath)} {(listed is null ? "does not list it" : $"places it in '{listed}'")}");
                }
            }
        }

        return new ShardedSafeTensors(indexPath, byTensor);
    }

    /// <inheritdoc/>
    public bool Contains(string name) => _byTensor.ContainsKey(name);

    /// <inheritdoc/>
    public string FileOf(string name) => _byTensor.TryGetValue(name, out var shard) ? shard.Path : IndexPath;

    /// <inheritdoc/>
    public IReadOnlyList<long>? ShapeOf(string name) => _byTensor.TryGetValue(name, out var shard) ? shard.ShapeOf(name) : null;

    /// <inheritdoc/>
    public Tensor Read(string name) => _byTensor.TryGetValue(name, out var shard)
        ? shard.Read(name)
        : throw new ModelFileException(IndexPath, name, "the index lists no tensor of this name");

    private static Dictionary<string, string> ReadWeightMap(string indexPath)
    {
        JsonDocument doc;
        try
        {
            var info = new FileInfo(indexPath);
            if (info.Exists && info.Length > 64 << 20)
            {
                throw new ModelFileException(indexPath, null, $"the index is {info.Length} bytes; an index is a small JSON map (limit 64 MB)");
            }

            doc = JsonDocument.Parse(File.ReadAllBytes(indexPath), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(indexPath, null, $"cannot read the shard index as JSON: {e.Message}", innerException: e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("weight_map", out var weightMap) || weightMap.ValueKind != JsonValueKind.Object)
            {
                throw new ModelFileException(indexPath, "weight_map", "the index must be a JSON object with a \"weight_map\" object");
            }

            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in weightMap.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.String)
                {
                    throw new ModelFileException(indexPath, entry.Name, $"weight_map values must be shard file names, not {entry.Value.ValueKind}");
                }

                var shard = entry.Value.GetString()!;
                if (shard.Length == 0 || shard != System.IO.Path.GetFileName(shard) || shard is "." or ".." || shard.Contains('\\', StringComparison.Ordinal))
                {
                    throw new ModelFileException(indexPath, entry.Name, $"shard name '{shard}' must be a plain file name in the index's folder");
                }

                if (!map.TryAdd(entry.Name, shard))
                {
                    throw new ModelFileException(indexPath, entry.Name, "weight_map lists this tensor twice");
                }
            }

            if (map.Count == 0)
            {
                throw new ModelFileException(indexPath, "weight_map", "weight_map is empty");
            }

            return map;
        }
    }
}
