using Ditto.Runtime.Backends;
using Ditto.Runtime.Engines.Clear;
using Ditto.Runtime.Engines.Cost;
using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;
using Xunit.Abstractions;

namespace Ditto.Runtime.Tests.Conversion;

/// <summary>
/// Exact rounding before a reveal: a value revealed straight out of a truncation is ⌊x/2^m⌋ whatever the share split
/// (so its low bit carries nothing about any party's shares), equal to the emulator; without it the rounding bit follows
/// the split. The cost engine prices the correction where the engine applies it.
/// </summary>
public class ExactRoundingTests(ITestOutputHelper output)
{
    public static TheoryData<int> Rings => [32, 64];

    [Theory]
    [MemberData(nameof(Rings))]
    public void TheRevealedTruncationIsTheFloorUnderEverySplitAndFollowsTheSplitWithoutIt(int ring)
    {
        // Ring integers with every pattern of low bits, at 2m fraction bits, truncated by m and revealed to party 0. Each
        // seed is another random split of the same x; exact rounding must give one answer, the emulator's floor.
        var m = ring == 32 ? 8 : 18;
        var format = new FixedPointFormat(ring, 2 * m);
        var random = new Random(5);
        var raw = Enumerable.Range(0, 2000).Select(_ => random.Next(-1 << 22, 1 << 22)).ToArray();
        var values = raw.Select(r => (float)Math.ScaleB(r, -2 * m)).ToArray();
        var shape = TensorShape.Vector(values.Length);
        var floor = raw.Select(r => (float)Math.ScaleB(Math.Floor(Math.ScaleB(r, -m)), -m)).ToArray();

        var clear = new ClearEngine();
        Assert.Equal(floor, clear.Reveal(clear.Truncate(clear.Input(values, shape, format, 0), m), 0));

        float[] Secure(bool exact, ulong seed) => TestSessions.Run(
            party =>
            {
                var e = new SecretEngine(party) { CastOptions = CastOptions.Default with { ExactRoundingBeforeReveal = exact } };
                return e.Reveal(e.Truncate(e.Input(party.Id == 0 ? values : null, shape, format, 0), m), 0);
            },
            seed).Results[0]!;

        var seeds = Enumerable.Range(1, 6).Select(s => (ulong)s).ToArray();
        foreach (var seed in seeds)
        {
            Assert.Equal(floor, Secure(exact: true, seed));
        }

        // Without it: y = ⌊x/2^m⌋ + e with e set by the split: about half the elements round up in every run (e = 1 with
        // probability 1 − x_low/2^m), and which ones changes with the seed.
        var probabilistic = seeds.Select(s => Secure(exact: false, s)).ToArray();
        var up = probabilistic.Select(run => run.Zip(floor, (a, b) => a != b).Count(d => d)).ToArray();
        output.WriteLine($"rounded up without exact rounding, per seed: {string.Join(", ", up)} of {values.Length}");
        Assert.All(up, count => Assert.InRange(count, values.Length / 4, 3 * values.Length / 4));
        Assert.All(probabilistic, run => Assert.All(run.Zip(floor), p => Assert.True(p.First == p.Second || Math.Abs(p.First - p.Second - Math.ScaleB(1.0, -m)) < 1e-12)));
        var differ = Enumerable.Range(0, values.Length).Count(i => probabilistic.Select(run => run[i]).Distinct().Count() > 1);
        Assert.True(differ > values.Length / 2, $"only {differ} elements change with the split");
    }

    [Fact]
    public void AModelsOutputCastIsRoundedExactlyAndTheEstimateChargesIt()
    {
        // y = x·W cast back to fxp64.18: the last rescale before the reveal. The engine corrects it (an "exact-round" call
        // in the output scope), and the estimate prices exactly what the parties send.
        var format = FixedPointFormat.Ring64;
        var x = new Tensor([.. Enumerable.Range(0, 24).Select(i => (float)Math.Sin(i))], new TensorShape(4, 6));
        var w = new Tensor([.. Enumerable.Range(0, 30).Select(i => (float)Math.Cos(i))], new TensorShape(6, 5));
        static Tensor? Program(IBackend backend, Tensor? input, Tensor weight, FixedPointFormat format)
        {
            var product = backend.MatMul(backend.Input(input, new TensorShape(4, 6), format, 0), backend.Weight(weight, format), false);
            return backend.Reveal(backend.Cast(product, format), 0);
        }

        var plan = PrecisionPlan.Ditto;
        var approximations = new Approximations();
        var emulated = Program(BackendFactory.Emulated(plan, approximations), x, w, format)!;
        var runs = TestSessions.Run(party =>
        {
            var revealed = Program(BackendFactory.Mpc(party, plan, approximations), party.Id == 0 ? x : null, w, format);
            return (Revealed: revealed, Corrected: party.Ledger.Operations.Keys.Any(k => k.Scope == "output" && k.Operation == "exact-round"));
        });
        Assert.All(runs.Results, r => Assert.True(r.Corrected, "no exact rounding before the reveal"));

        // The only rescale is corrected, so the three parties reveal the emulator's value bit for bit.
        Assert.Equal(emulated.Data, runs.Results[0].Revealed!.Data);

        var recorder = new CostRecorder();
        Program(BackendFactory.Estimate(plan, approximations, recorder), x, w, format);
        Assert.Equal(runs.Ledgers.Sum(l => l.Operations.Where(o => o.Key.Operation != "setup").Sum(o => o.Value.BytesSent)), recorder.Estimate.Bytes);
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void AMeanOverTheFirstAxisIsRoundedExactlyThroughItsReshape(int ring)
    {
        // The sentence embedding: a mean over tokens, whose truncated sums are reshaped back to [1, d] before the reveal.
        var format = ring == 32 ? FixedPointFormat.Ring32 : FixedPointFormat.Ring64;
        var shape = new TensorShape(7, 12);
        var values = Enumerable.Range(0, shape.Elements).Select(i => (float)Math.Sin(i * 0.7) * 3).ToArray();
        var clear = new FixedPointFunctions<ClearTensor, ClearBits>(new ClearEngine());
        var expected = clear.Engine.Reveal(clear.Mean(clear.Engine.Input(values, shape, format, 0), 0), 0)!;
        var runs = TestSessions.Run(party =>
        {
            var f = new FixedPointFunctions<Sharing.ArithmeticShare, Sharing.BooleanShare>(new SecretEngine(party));
            var revealed = f.Engine.Reveal(f.Mean(f.Engine.Input(party.Id == 0 ? values : null, shape, format, 0), 0), 0);
            return (Revealed: revealed, Corrected: party.Ledger.Operations.Keys.Any(k => k.Operation == "exact-round"));
        });
        Assert.True(runs.Results[0].Corrected);
        Assert.Equal(expected, runs.Results[0].Revealed);
    }
}
