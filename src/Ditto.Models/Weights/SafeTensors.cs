namespace Ditto.Models.Weights;

/// <summary>Opens Hugging Face safetensors weights in any of their layouts.</summary>
public static class SafeTensors
{
    /// <summary>The single-file name Hugging Face uses.</summary>
    public const string SingleFileName = "model.safetensors";

    /// <summary>The shard index name Hugging Face uses.</summary>
    public const string IndexFileName = "model.safetensors.index.json";

    /// <summary>
    /// Opens a .safetensors file, a .safetensors.index.json shard index, or a model folder (which must hold
    /// model.safetensors or model.safetensors.index.json).
    /// </summary>
    public static IWeightSource Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            var single = Path.Combine(path, SingleFileName);
            var index = Path.Combine(path, IndexFileName);
            if (File.Exists(single))
            {
                return SafeTensorsFile.Open(single);
            }

            return File.Exists(index)
                ? ShardedSafeTensors.Open(index)
                : throw new ModelFileException(path, null, $"the folder holds neither {SingleFileName} nor {IndexFileName}");
        }

        if (!File.Exists(path))
        {
            throw new ModelFileException(path, null, "no such file or folder");
        }

        return path.EndsWith(".index.json", StringComparison.OrdinalIgnoreCase) ? ShardedSafeTensors.Open(path) : SafeTensorsFile.Open(path);
    }
}
