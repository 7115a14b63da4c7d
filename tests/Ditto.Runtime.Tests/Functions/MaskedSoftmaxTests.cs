using Ditto.Runtime.Backends;
using Ditto.Runtime.Engines.Cost;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.EngineHarness;
using static Ditto.Runtime.Tests.Functions.FunctionAccuracyTests;

namespace Ditto.Runtime.Tests.Functions;

/// <summary>
/// Softmax under a public padding mask: hidden positions are exact zeros and take no part in the max or the sums under
/// every approximation (a masked score far above the kept ones changes nothing), the kept ones are the softmax of the
/// kept scores alone, and hiding positions removes their cost.
/// </summary>
public class MaskedSoftmaxTests
{
    // Two sentences of 6 and 4 tokens padded to 6: [batch, 1, 1, keys], 1 keeps a key.
    private static readonly Tensor Padding = new([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0], 2, 1, 1, 6);
    private static readonly TensorShape Scores = new(2, 3, 6, 6);

    private static float[] ScoresWithALargeMaskedValue()
    {
        var x = Uniform(21, Scores.Elements, -4, 4);
        x[(5 * 6) + 0 + (3 * 36) + 4] = 25; // sentence 1, a hidden key: would dominate if it were counted
        return x;
    }

    [Fact]
    public void TheFloatReferenceIsTheSoftmaxOfTheKeptScoresWithZerosElsewhere()
    {
        var x = ScoresWithALargeMaskedValue();
        var masked = Ops.MaskedSoftmax(new Tensor(x, Scores), Padding).Data;
        for (var r = 0; r < Scores.Elements / 6; r++)
        {
            var kept = r < 18 ? 6 : 4; // rows of sentence 0 keep 6 keys, of sentence 1 keep 4
            var row = x.AsSpan(r * 6, kept).ToArray();
            var expected = Ops.Softmax(new Tensor(row, kept)).Data;
            Assert.Equal(expected, masked.AsSpan(r * 6, kept).ToArray());
            Assert.All(masked.AsSpan((r * 6) + kept, 6 - kept).ToArray(), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void EveryApproximationIgnoresHiddenPositionsOnTheThreeParties()
    {
        var x = ScoresWithALargeMaskedValue();
        var visible = Ops.Visible(Scores, Padding);
        var reference = Ops.MaskedSoftmax(new Tensor(x, Scores), Padding).Data;
        var exact = Secure(x, Format64, (f, v) => f.Softmax(v, new Approximations { ExpIterations = 8 }, null, false, visible), Scores);
        Assert.InRange(exact.Zip(reference, (a, b) => Math.Abs(a - b)).Max(), 0, 1e-4); // the bound of the unmasked softmax
        foreach (var approximation in new[] { SoftmaxApproximation.TwoQuad, SoftmaxApproximation.TwoRelu })
        {
            var got = Secure(x, Format64, (f, v) => f.Softmax(v, new Approximations { Softmax = approximation }, null, false, visible), Scores);
            var terms = x.Select((v, i) => visible[i] ? (approximation == SoftmaxApproximation.TwoQuad ? (v + 5.0) * (v + 5.0) : Math.Max(v, 0.0)) : 0).ToArray();
            // The implementations' definitions: each numerator over its row sum, and a row whose sum is below 1/4 counts as 0.
            var expected = Normalise(terms, 6).Select((v, i) => terms.AsSpan(i / 6 * 6, 6).ToArray().Sum() < 0.25 ? 0 : v).ToArray();
            // The reciprocal's relative 2^−17 on the result, its truncation and the input's encoding: 2^−17·p + 3 units.
            Assert.All(Enumerable.Range(0, got.Length), i => Assert.True(Math.Abs(got[i] - expected[i]) <= (Math.ScaleB(expected[i], -17) + (3 * Format64.Ulp)), $"{approximation} at {i} (x = {x[i]}, kept {visible[i]}): got {got[i]}, expected {expected[i]}"));
        }

        Assert.All(Enumerable.Range(0, x.Length).Where(i => !visible[i]), i => Assert.Equal(0f, exact[i]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HiddenPositionsAreExactZerosWhenTheSoftmaxRunsInAnotherFormat(bool causal)
    {
        // Ditto's schedule: scores in fxp32.8, exp and the sums in fxp64.18, the probabilities converted back. The
        // conversion must not touch hidden positions (a converted zero can round to one unit: a weight of 2^−8 on a
        // padded or future key).
        var x = ScoresWithALargeMaskedValue();
        var visible = causal ? null : Ops.Visible(Scores, Padding);
        var small = new FixedPointFormat(32, 8);
        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            var got = TestSessions.Run(
                party =>
                {
                    var f = new FixedPointFunctions<Sharing.ArithmeticShare, Sharing.BooleanShare>(new Engines.Secret.SecretEngine(party));
                    return f.Engine.Reveal(f.Softmax(f.Engine.Input(party.Id == 0 ? x : null, Scores, small, 0), new Approximations(), Format64, causal, visible), 0);
                },
                seed).Results[0]!;
            var hidden = Enumerable.Range(0, x.Length).Where(i => causal ? (i % 6) > ((i / 6) % 6) : !visible![i]).ToList();
            Assert.NotEmpty(hidden);
            Assert.All(hidden, i => Assert.Equal(0f, got[i]));
        }
    }

    [Fact]
    public void HiddenPositionsCostNothing()
    {
        var plan = PrecisionPlan.Ditto;
        long Bytes(Tensor? mask)
        {
            var recorder = new CostRecorder();
            var backend = BackendFactory.Estimate(plan, new Approximations(), recorder);
            var x = backend.Cast(backend.Input(null, Scores, FixedPointFormat.Ring64, 0), FixedPointFormat.Ring64);
            var before = recorder.Estimate.Bytes;
            _ = mask is null ? backend.Softmax(x) : backend.MaskedSoftmax(x, mask);
            return recorder.Estimate.Bytes - before;
        }

        var all = Bytes(null);
        var padded = Bytes(Padding);
        Assert.Equal(all, Bytes(new Tensor([1f], 1)));  // a mask that keeps everything is the plain softmax
        Assert.True(padded < all, $"padded {padded} B, unpadded {all} B");
    }

    [Fact]
    public void AMaskThatHidesARowOrDoesNotBroadcastIsRefused()
    {
        var x = new Tensor(new float[Scores.Elements], Scores);
        var hidesAll = new Tensor([1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0], 2, 1, 1, 6);
        Assert.Contains("keep at least one", Assert.Throws<ArgumentException>(() => Ops.MaskedSoftmax(x, hidesAll)).Message, StringComparison.Ordinal);
        Assert.Contains("does not broadcast", Assert.Throws<ArgumentException>(() => Ops.MaskedSoftmax(x, new Tensor(new float[5], 5))).Message, StringComparison.Ordinal);
    }

    private static FixedPointFormat Format64 => FixedPointFormat.Ring64;
}
