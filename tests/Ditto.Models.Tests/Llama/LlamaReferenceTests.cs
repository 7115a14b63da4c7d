using Ditto.Models.Decoding;
using Ditto.Models.Inputs;
using Ditto.Models.Tests.Support;
using Ditto.Models.Tokenizers;
using Xunit.Abstractions;

namespace Ditto.Models.Tests.Llama;

/// <summary>
/// The trained tiny LLaMA (models/tiny-llama: RMSNorm, SwiGLU, RoPE with θ = 10⁴, 4 query heads over 2 key/value heads,
/// tied embeddings, F16 weights) in float against expected.json, which a float32 PyTorch run of the same F16 weights
/// wrote. Another float32 implementation sums in another order: the logits agree to about 1e-4 on values of 4–7; the
/// bound 1e-3 is the issue's, and it includes the file's 5-decimal rounding.
/// </summary>
public sealed class LlamaReferenceTests(ITestOutputHelper output)
{
    private const double LogitTolerance = 1e-3;

    [Fact]
    public void TheFolderTokenizerReproducesTheExpectedInputIds()
    {
        var tokenizer = ByteLevelBpeFiles.Load(TestData.ModelFolder("tiny-llama"), TestData.TinyLlama.VocabSize);
        var expected = TestData.Expected("tiny-llama");
        foreach (var prompt in expected.Prompts.Concat(expected.RobustPrompts))
        {
            Assert.Equal(prompt.InputIds, tokenizer.EncodeToIds(prompt.Text));
        }
    }

    [Fact]
    public void LastPositionTop10LogitsAndLogSumExpMatchExpected()
    {
        var llama = TestData.TinyLlama;
        var maxDiff = 0.0;
        foreach (var prompt in TestData.Expected("tiny-llama").Prompts)
        {
            var hidden = llama.Model.Forward(OneHot.Encode(prompt.InputIds, llama.VocabSize));
            var logits = llama.Model.LogitsAt(hidden, prompt.InputIds.Length - 1).Data;
            var top = Enumerable.Range(0, logits.Length).OrderByDescending(i => logits[i]).Take(10).ToArray();
            Assert.Equal(prompt.TopIds, top);
            for (var i = 0; i < 10; i++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(logits[prompt.TopIds[i]] - prompt.TopValues[i]));
            }

            maxDiff = Math.Max(maxDiff, Math.Abs(CausalPerplexity.LogSumExp(logits) - prompt.LogSumExp));
        }

        output.WriteLine($"tiny-llama: max |logit − expected| over top-10 and logsumexp = {maxDiff:E2}");
        Assert.True(maxDiff <= LogitTolerance, $"max difference {maxDiff:E2} exceeds {LogitTolerance}");
    }

    [Fact]
    public void Greedy8TokensMatchExpectedWithAndWithoutTheKvCache()
    {
        var llama = TestData.TinyLlama;
        var expected = TestData.Expected("tiny-llama");
        foreach (var prompt in expected.Prompts.Concat(expected.RobustPrompts))
        {
            var recomputed = CausalGenerator.GreedyRecompute(llama, prompt.InputIds, 8);
            Assert.Equal(prompt.Greedy8, recomputed);
            Assert.Equal(recomputed, CausalGenerator.Greedy(llama, prompt.InputIds, 8));
        }
    }

    [Fact]
    public void ThePerplexityOfTheFirstWindowsFollowsTheExpectedProtocol()
    {
        // The whole file is the opt-in test below; here the first 4 windows of 128 tokens (508 predictions).
        var llama = TestData.TinyLlama;
        var expected = TestData.Expected("tiny-llama");
        var tokens = ByteLevelBpeFiles.Load(TestData.ModelFolder("tiny-llama"), llama.VocabSize).EncodeToIds(File.ReadAllText(Path.Combine(TestData.ModelFolder("tiny-llama"), "eval.txt")));
        Assert.Equal(expected.EvalTokens, tokens.Count);
        var result = CausalPerplexity.Evaluate(llama, tokens, window: 128, maxWindows: 4);
        output.WriteLine($"first 4 windows: mean NLL {result.MeanNll:F4}, perplexity {result.Perplexity:F2} (whole file: {expected.EvalPerplexity:F2})");
        Assert.Equal(4 * 127, result.Predictions);
        Assert.InRange(result.MeanNll, 0.5 * expected.EvalMeanNll, 1.5 * expected.EvalMeanNll);
    }

    [SlowTheory]
    [InlineData(128)]
    public void TheWholeEvalFileHasTheExpectedPerplexity(int window)
    {
        var llama = TestData.TinyLlama;
        var expected = TestData.Expected("tiny-llama");
        var tokens = ByteLevelBpeFiles.Load(TestData.ModelFolder("tiny-llama"), llama.VocabSize).EncodeToIds(File.ReadAllText(Path.Combine(TestData.ModelFolder("tiny-llama"), "eval.txt")));
        var result = CausalPerplexity.Evaluate(llama, tokens, window);
        output.WriteLine($"eval.txt: {result.Predictions} predictions, mean NLL {result.MeanNll:F6} (expected {expected.EvalMeanNll:F6}), perplexity {result.Perplexity:F4} (expected {expected.EvalPerplexity:F4})");
        Assert.Equal(expected.EvalPredictions, result.Predictions);
        Assert.InRange(result.MeanNll, expected.EvalMeanNll - 1e-4, expected.EvalMeanNll + 1e-4);
    }
}
