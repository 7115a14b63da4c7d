using Ditto.Models.Decoding;
using Ditto.Models.Gpt2;
using Ditto.Models.Inputs;
using Ditto.Models.Tests.Support;
using Ditto.Models.Tokenizers;
using Xunit.Abstractions;

namespace Ditto.Models.Tests.Gpt2;

/// <summary>
/// The two trained tiny GPT-2 models in float against expected.json (a float32 PyTorch implementation). Another float32
/// implementation sums in another order, so logits agree to a few units in the 4th–5th significant digit: the bound
/// below, 2e-3 absolute on logits of magnitude 4–10, is that plus the 5-decimal rounding of the file.
/// </summary>
public sealed class Gpt2ReferenceTests(ITestOutputHelper output)
{
    private const double LogitTolerance = 2e-3;

    public static TheoryData<string> Models => new() { "tiny-gpt2", "tiny-gpt2-quad" };

    [Theory]
    [MemberData(nameof(Models))]
    public void Tokenizer_reproduces_the_expected_input_ids(string model)
    {
        var tokenizer = ModelTokenizers.Gpt2();
        var expected = TestData.Expected(model);
        foreach (var prompt in expected.Prompts.Concat(expected.RobustPrompts))
        {
            Assert.Equal(prompt.InputIds, tokenizer.EncodeToIds(prompt.Text));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Last_position_top10_logits_and_logsumexp_match_expected(string model)
    {
        var gpt2 = TestData.Gpt2(model);
        var maxDiff = 0.0;
        foreach (var prompt in TestData.Expected(model).Prompts)
        {
            var hidden = gpt2.Model.Forward(OneHot.Encode(prompt.InputIds, gpt2.Config.VocabSize), prompt.InputIds.Length);
            var logits = gpt2.Model.LogitsAt(hidden, prompt.InputIds.Length - 1).Data;
            var top = Enumerable.Range(0, logits.Length).OrderByDescending(i => logits[i]).Take(10).ToArray();
            Assert.Equal(prompt.TopIds, top);
            for (var i = 0; i < 10; i++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(logits[prompt.TopIds[i]] - prompt.TopValues[i]));
            }

            maxDiff = Math.Max(maxDiff, Math.Abs(CausalPerplexity.LogSumExp(logits) - prompt.LogSumExp));
        }

        output.WriteLine($"{model}: max |logit − expected| over top-10 and logsumexp = {maxDiff:E2}");
        Assert.True(maxDiff <= LogitTolerance, $"max difference {maxDiff:E2} exceeds {LogitTolerance}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Greedy_8_tokens_match_expected_with_and_without_the_kv_cache(string model)
    {
        var gpt2 = TestData.Gpt2(model);
        foreach (var prompt in TestData.Expected(model).Prompts)
        {
            var recomputed = CausalGenerator.GreedyRecompute(gpt2, prompt.InputIds, 8);
            var cached = CausalGenerator.Greedy(gpt2, prompt.InputIds, 8);
            Assert.Equal(prompt.Greedy8, recomputed);
            Assert.Equal(recomputed, cached);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Robust_prompts_generate_the_expected_tokens_with_the_cache(string model)
    {
        var gpt2 = TestData.Gpt2(model);
        foreach (var prompt in TestData.Expected(model).RobustPrompts)
        {
            Assert.Equal(prompt.Greedy8, CausalGenerator.Greedy(gpt2, prompt.InputIds, 8));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Cached_logits_equal_recomputed_logits_at_every_step(string model)
    {
        // The KV cache must change the cost, not the numbers: compare whole logit rows, prompt then 5 single tokens.
        var gpt2 = TestData.Gpt2(model);
        var ids = TestData.Expected(model).Prompts[1].InputIds.ToList();
        var generator = new CausalGenerator(gpt2);
        var cached = generator.Feed(ids);
        var maxDiff = 0.0;
        for (var step = 0; step < 6; step++)
        {
            var hidden = gpt2.Model.Forward(OneHot.Encode(ids, gpt2.Config.VocabSize), ids.Count);
            var full = gpt2.Model.LogitsAt(hidden, ids.Count - 1).Data;
            for (var i = 0; i < full.Length; i++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(full[i] - cached[i]));
            }

            ids.Add(CausalGenerator.ArgMax(full));
            cached = generator.Feed([ids[^1]]);
        }

        output.WriteLine($"{model}: max |cached − recomputed| logit = {maxDiff:E2}");
        Assert.True(maxDiff < 1e-4, $"cached and recomputed logits differ by {maxDiff:E2}");
    }

    [Fact]
    public void Generator_refuses_to_run_past_the_context()
    {
        var gpt2 = TestData.Gpt2("tiny-gpt2");
        var generator = new CausalGenerator(gpt2);
        generator.Feed(Enumerable.Repeat(13, gpt2.Config.Positions).ToArray());
        Assert.Throws<ArgumentException>(() => generator.Feed([13]));
    }
}
