using System.Buffers.Binary;
using System.Text;
using Ditto.Models.Weights;

namespace Ditto.Models.Tests.Support;

/// <summary>A tiny random GPT-2 on disk (vocab 16, 8 positions, width 8, 2 blocks, 2 heads, MLP 16) for loader and corruption tests.</summary>
internal static class TinyGpt2
{
    public const string Config = """
        {"model_type": "gpt2", "vocab_size": 16, "n_positions": 8, "n_embd": 8, "n_layer": 2, "n_head": 2, "n_inner": 16,
         "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5, "tie_word_embeddings": true}
        """;

    /// <summary>The tensors in Hugging Face order and layout, seeded.</summary>
    public static List<KeyValuePair<string, Tensor>> Tensors(int seed = 1)
    {
        var random = new Random(seed);
        Tensor T(params int[] shape)
        {
            var n = shape.Aggregate(1, (a, b) => a * b);
            return new Tensor(Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() - 0.5) * 0.4)).ToArray(), shape);
        }

        var list = new List<KeyValuePair<string, Tensor>> { new("transformer.wte.weight", T(16, 8)), new("transformer.wpe.weight", T(8, 8)) };
        for (var i = 0; i < 2; i++)
        {
            var h = $"transformer.h.{i}";
            list.Add(new($"{h}.ln_1.weight", T(8)));
            list.Add(new($"{h}.ln_1.bias", T(8)));
            list.Add(new($"{h}.attn.c_attn.weight", T(8, 24)));
            list.Add(new($"{h}.attn.c_attn.bias", T(24)));
            list.Add(new($"{h}.attn.c_proj.weight", T(8, 8)));
            list.Add(new($"{h}.attn.c_proj.bias", T(8)));
            list.Add(new($"{h}.ln_2.weight", T(8)));
            list.Add(new($"{h}.ln_2.bias", T(8)));
            list.Add(new($"{h}.mlp.c_fc.weight", T(8, 16)));
            list.Add(new($"{h}.mlp.c_fc.bias", T(16)));
            list.Add(new($"{h}.mlp.c_proj.weight", T(16, 8)));
            list.Add(new($"{h}.mlp.c_proj.bias", T(8)));
        }

        list.Add(new("transformer.ln_f.weight", T(8)));
        list.Add(new("transformer.ln_f.bias", T(8)));
        return list;
    }

    /// <summary>A fresh folder with config.json and model.safetensors.</summary>
    public static string Write(TempFolder folder, IEnumerable<KeyValuePair<string, Tensor>>? tensors = null, string? config = null, SafeTensorDType dtype = SafeTensorDType.F32)
    {
        File.WriteAllText(Path.Combine(folder.Path, "config.json"), config ?? Config);
        SafeTensorsWriter.Write(Path.Combine(folder.Path, "model.safetensors"), tensors ?? Tensors(), dtype);
        return folder.Path;
    }

    /// <summary>A safetensors file from a literal header and data section (the header is padded to 8 bytes unless told otherwise).</summary>
    public static byte[] RawFile(string header, byte[] data, ulong? claimedLength = null)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var padded = json.Concat(Enumerable.Repeat((byte)' ', (8 - (json.Length % 8)) % 8)).ToArray();
        var bytes = new byte[8 + padded.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, claimedLength ?? (ulong)padded.Length);
        padded.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + padded.Length);
        return bytes;
    }
}

/// <summary>A temporary folder deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("ditto-models-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
