using Ditto.Models.Weights;

namespace Ditto.Models.Tests.Support;

/// <summary>A sharded safetensors set on disk: config.json, two shards split at a tensor, and the index that maps them.</summary>
internal static class Shards
{
    public static readonly string[] Names = ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"];

    public static void Write(TempFolder folder, string config, IReadOnlyList<KeyValuePair<string, Tensor>> tensors, int split, SafeTensorDType dtype = SafeTensorDType.F32)
    {
        File.WriteAllText(folder.File("config.json"), config);
        SafeTensorsWriter.Write(folder.File(Names[0]), tensors.Take(split), dtype);
        SafeTensorsWriter.Write(folder.File(Names[1]), tensors.Skip(split), dtype);
        var map = tensors.Select((t, i) => $"\"{t.Key}\": \"{Names[i < split ? 0 : 1]}\"");
        File.WriteAllText(folder.File(SafeTensors.IndexFileName), $"{{\"metadata\": {{\"total_size\": 0}}, \"weight_map\": {{{string.Join(", ", map)}}}}}");
    }
}
