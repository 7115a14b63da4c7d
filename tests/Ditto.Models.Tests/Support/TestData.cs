using System.Text.Json;
using Ditto.Models.Gpt2;
using Ditto.Models.Llama;

namespace Ditto.Models.Tests.Support;

/// <summary>The repository's test models (models/ at the repository root; never a path outside the repository).</summary>
internal static class TestData
{
    private static readonly Dictionary<string, Lazy<Gpt2Checkpoint>> Loaded = new()
    {
        ["tiny-gpt2"] = new(() => Gpt2Loader.Load(ModelFolder("tiny-gpt2"))),
        ["tiny-gpt2-quad"] = new(() => Gpt2Loader.Load(ModelFolder("tiny-gpt2-quad"))),
    };

    private static readonly Lazy<LlamaCheckpoint> TinyLlamaModel = new(() => LlamaLoader.Load(ModelFolder("tiny-llama")));

    /// <summary>The shipped tiny LLaMA (F16 weights), loaded once per test run.</summary>
    public static LlamaCheckpoint TinyLlama => TinyLlamaModel.Value;

    /// <summary>A shipped decoder by folder name: a tiny GPT-2 or the tiny LLaMA.</summary>
    public static Decoding.ICausalLanguageModel Decoder(string name) => name == "tiny-llama" ? TinyLlama : Gpt2(name);

    /// <summary>The folder holding Ditto.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ModelFolder(string name) => Path.Combine(RepositoryRoot, "models", name);

    /// <summary>A shipped model, loaded once per test run (about 0.2 s each).</summary>
    public static Gpt2Checkpoint Gpt2(string name) => Loaded[name].Value;

    public static Expected Expected(string name) => Support.Expected.Load(Path.Combine(ModelFolder(name), "expected.json"));

    private static string FindRoot()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Ditto.sln")) && Directory.Exists(Path.Combine(dir, "models")))
            {
                return dir;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds Ditto.sln and models/.");
    }
}

/// <summary>A model's expected.json.</summary>
internal sealed record Expected(IReadOnlyList<ExpectedPrompt> Prompts, IReadOnlyList<ExpectedPrompt> RobustPrompts, int EvalTokens, int EvalPredictions, double EvalMeanNll, double EvalPerplexity)
{
    public static Expected Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var eval = root.GetProperty("eval");
        return new Expected(
            root.GetProperty("prompts").EnumerateArray().Select(ExpectedPrompt.From).ToArray(),
            root.GetProperty("robust_prompts").EnumerateArray().Select(ExpectedPrompt.From).ToArray(),
            eval.GetProperty("tokens").GetInt32(),
            eval.GetProperty("predicted_tokens").GetInt32(),
            eval.GetProperty("mean_nll").GetDouble(),
            eval.GetProperty("perplexity").GetDouble());
    }
}

/// <summary>One prompt of expected.json; the logit fields are absent for robust prompts.</summary>
internal sealed record ExpectedPrompt(string Text, int[] InputIds, int[] TopIds, double[] TopValues, double LogSumExp, int[] Greedy8, double MinGap)
{
    public static ExpectedPrompt From(JsonElement e)
    {
        var top = e.TryGetProperty("last_logits_top10", out var t) ? t : default;
        var greedy = e.GetProperty("greedy_8");
        return new ExpectedPrompt(
            e.GetProperty("text").GetString()!,
            Ints(e.GetProperty("input_ids")),
            top.ValueKind == JsonValueKind.Object ? Ints(top.GetProperty("ids")) : [],
            top.ValueKind == JsonValueKind.Object ? top.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray() : [],
            e.TryGetProperty("last_logsumexp", out var lse) ? lse.GetDouble() : double.NaN,
            Ints(greedy.GetProperty("ids")),
            greedy.GetProperty("min_top1_top2_logit_gap").GetDouble());
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    public override string ToString() => Text;
}
