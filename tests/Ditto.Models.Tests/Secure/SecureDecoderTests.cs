using Ditto.Models.Decoding;
using Ditto.Models.Hosting;
using Ditto.Models.Tests.Support;
using Ditto.Models.Tokenizers;
using Xunit.Abstractions;

namespace Ditto.Models.Tests.Secure;

/// <summary>
/// The trained tiny decoders on the secure engine (three in-process parties), with the presets the issues pair them
/// with: the GPT-2 teacher (gelu_new) under ditto-quant and puma, the quad student (distilled for Ditto's 8 fraction
/// bits) under ditto, and the tiny LLaMA (SiLU, RMSNorm, RoPE, grouped-query attention) under puma, ditto-quant and
/// ditto (not distilled: SiLU is the same piecewise polynomial in every preset, in the 64-bit ring).
/// Greedy generation uses the KV cache and reveals only each step's logits to the client.
/// </summary>
public sealed class SecureDecoderTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Pairs => new()
    {
        { "tiny-gpt2", "ditto-quant" },
        { "tiny-gpt2", "puma" },
        { "tiny-gpt2-quad", "ditto" },
        { "tiny-llama", "puma" },
        { "tiny-llama", "ditto-quant" },
        { "tiny-llama", "ditto" },
    };

    /// <summary>
    /// The robust prompts (float top-1/top-2 gaps of 0.4–0.6 along their paths) must be reproduced token for token. The
    /// three fixed prompts have gaps of 0.01–0.05, so fixed-point noise may flip a token: they must either be reproduced
    /// or diverge only at a step whose float top-2 logit gap is below the secure run's measured logit error at that step
    /// (the largest |secure − float| logit over the vocabulary, with the same prefix).
    /// </summary>
    [Theory]
    [MemberData(nameof(Pairs))]
    public void GreedyGenerationReproducesTheExpectedTokens(string name, string preset)
    {
        var decoder = TestData.Decoder(name);
        var model = new DecoderModel(name, "test", decoder, ByteLevelBpeFiles.Load(TestData.ModelFolder(name), decoder.VocabSize));
        var expected = TestData.Expected(name);
        var prompts = expected.RobustPrompts.Concat(expected.Prompts).ToArray();
        var requests = prompts.Select(p => new InferenceRequest([p.Text], Generate: 8)).ToArray();
        var secure = SecureRuns.Run(model, requests, Presets.Get(preset));
        for (var p = 0; p < prompts.Length; p++)
        {
            var prompt = prompts[p];
            var robust = p < expected.RobustPrompts.Count;
            var tokens = secure[p].Tokens!.ToArray();
            Assert.Equal(prompt.InputIds, secure[p].PromptTokens);
            if (robust)
            {
                Assert.Equal(prompt.Greedy8, tokens);
                output.WriteLine($"{name}/{preset} robust \"{prompt.Text}\": reproduced");
                continue;
            }

            var step = Enumerable.Range(0, 8).FirstOrDefault(i => tokens[i] != prompt.Greedy8[i], -1);
            if (step < 0)
            {
                output.WriteLine($"{name}/{preset} fixed \"{prompt.Text}\": reproduced (path's smallest float gap {prompt.MinGap:F4})");
                continue;
            }

            // The float logits at the diverging step, after the same prefix (the prompt and the agreed tokens).
            var prefix = prompt.InputIds.Concat(tokens.Take(step)).ToArray();
            var plain = new CausalGenerator(decoder).Feed(prefix);
            var sorted = plain.OrderByDescending(v => v).ToArray();
            var gap = sorted[0] - sorted[1];
            var error = secure[p].StepLogits![step].Zip(plain, (a, b) => Math.Abs(a - b)).Max();
            output.WriteLine($"{name}/{preset} fixed \"{prompt.Text}\": diverges at step {step}: float top-2 gap {gap:F4}, secure logit error there {error:F4}");
            Assert.True(gap < error, $"\"{prompt.Text}\" diverges at step {step} although the float top-2 gap {gap:F4} exceeds the secure logit error {error:F4}");
        }
    }

    /// <summary>
    /// Perplexity of the secure run within 2% of the float model's on the same text (docs/models.md). The default run scores the
    /// first two 128-token windows of eval.txt (254 predictions); the whole file (11,383 predictions, about five minutes per
    /// pair) runs with DITTO_SLOW_TESTS=1.
    /// </summary>
    [Theory]
    [MemberData(nameof(Pairs))]
    public void PerplexityOnTheFirstWindowsIsWithinTwoPercentOfFloat(string name, string preset) => CheckPerplexity(name, preset, 2);

    /// <summary>The same on the whole of eval.txt.</summary>
    [SlowTheory]
    [MemberData(nameof(Pairs))]
    public void PerplexityOnTheWholeEvalTextIsWithinTwoPercentOfFloat(string name, string preset) => CheckPerplexity(name, preset, int.MaxValue);

    private void CheckPerplexity(string name, string preset, int windows)
    {
        var decoder = TestData.Decoder(name);
        var model = new DecoderModel(name, "test", decoder, ByteLevelBpeFiles.Load(TestData.ModelFolder(name), decoder.VocabSize));
        var text = File.ReadAllText(Path.Combine(TestData.ModelFolder(name), "eval.txt"));
        var request = new InferenceRequest([], 0, text, windows);
        var secure = SecureRuns.Run(model, [request], Presets.Get(preset))[0].Perplexity!;
        var plain = SecureRuns.Float(model, [request])[0].Perplexity!;
        var relative = (secure.Perplexity / plain.Perplexity) - 1;
        output.WriteLine($"{name}/{preset}: perplexity secure {secure.Perplexity:F3}, float {plain.Perplexity:F3} ({100 * relative:+0.00;-0.00}%) over {secure.Predictions} predictions");
        Assert.Equal(plain.Predictions, secure.Predictions);
        Assert.InRange(relative, -0.02, 0.02);
    }
}
