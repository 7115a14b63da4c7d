using Ditto.Models;
using Ditto.Models.Hosting;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Functions;

namespace Ditto.Cli.Running;

/// <summary>
/// What `ditto run` (and `ditto demo`) asks: the model, the client's texts, the preset and plan overrides, generation or
/// perplexity. Serialised as the `run` job's arguments when the parties are processes.
/// </summary>
/// <param name="Model">minilm, or a model folder.</param>
/// <param name="Texts">The client's texts.</param>
/// <param name="Preset">ditto, ditto-quant, puma or mpcformer.</param>
/// <param name="Plan">Overrides of named precisions, "Linear=32:10,...", or null.</param>
/// <param name="Generate">Tokens to generate (decoders), 0 for none.</param>
/// <param name="PerplexityFile">A text file to score (decoders), or null.</param>
/// <param name="MaxWindows">Perplexity: at most this many windows.</param>
/// <param name="Pairs">Encoders: sentence pairs, each two texts, answered after <paramref name="Texts"/>.</param>
internal sealed record RunSpec(string Model, string[] Texts, string Preset, string? Plan, int Generate, string? PerplexityFile, int MaxWindows, string[][]? Pairs = null)
{
    /// <summary>Every input as the tables and JSON name it: the texts, then each pair as "a ‖ b".</summary>
    public IReadOnlyList<string> InputNames => [.. Texts, .. (Pairs ?? []).Select(p => $"{p[0]} ‖ {p[1]}")];

    /// <summary>The preset with the plan overrides applied.</summary>
    public (string Name, PrecisionPlan Plan, Approximations Approximations) Settings()
    {
        var (preset, plan) = PlanChoice.Resolve(Preset, Plan);
        return (preset.Name, plan, preset.Approximations);
    }

    /// <summary>The client's request (reads the perplexity file).</summary>
    public InferenceRequest Request()
    {
        if (PerplexityFile is { } file)
        {
            return File.Exists(file)
                ? new InferenceRequest([], 0, File.ReadAllText(file), MaxWindows)
                : throw new FileNotFoundException($"--perplexity: the file '{file}' does not exist.", file);
        }

        var pairs = (Pairs ?? []).Select(p => p.Length == 2 ? new TextPair(p[0], p[1]) : throw new ArgumentException($"--pair takes two texts, not {p.Length}.")).ToList();
        return new InferenceRequest(Texts, Generate, null, MaxWindows, pairs);
    }
}
