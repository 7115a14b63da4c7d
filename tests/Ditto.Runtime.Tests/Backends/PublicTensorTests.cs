using Ditto.Runtime.Backends;
using Ditto.Runtime.Engines.Cost;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Tests.Backends;

/// <summary>
/// Public tensors (backend.Constant): a product of a secret with a public tensor, and a sum with one, are local — no
/// party sends a byte for them — and they mean on the secure backend what they mean on the emulator.
/// </summary>
public class PublicTensorTests
{
    private static readonly TensorShape Shape = new(3, 4, 8);
    private static readonly Tensor Secret = new([.. Enumerable.Range(0, Shape.Elements).Select(i => (float)Math.Sin(i * 0.37) * 2)], Shape);
    private static readonly Tensor Table = new([.. Enumerable.Range(0, 4 * 8).Select(i => (float)Math.Cos(i * 0.11))], new TensorShape(4, 8));

    /// <summary>x ⊙ c + c, with c broadcast over x's first axis (what RoPE's tables do), before the rescale.</summary>
    private static Value Local(IBackend backend, Value x, FixedPointFormat format) =>
        backend.Add(backend.Multiply(x, backend.Constant(Table, format)), backend.Constant(Table, new FixedPointFormat(64, 2 * format.FractionBits)));

    [Fact]
    public void APublicProductAndSumSendNothingAndEqualTheEmulator()
    {
        var format = FixedPointFormat.Ring64;
        var plan = PrecisionPlan.Ditto;
        var approximations = new Approximations();
        var emulator = BackendFactory.Emulated(plan, approximations);
        var expected = emulator.Reveal(emulator.Cast(Local(emulator, emulator.Input(Secret, Shape, format, 0), format), format), 0)!;

        var runs = TestSessions.Run(party =>
        {
            var backend = BackendFactory.Mpc(party, plan, approximations, CastOptions.Default with { ExactRoundingBeforeReveal = false });
            var x = backend.Input(party.Id == 0 ? Secret : null, Shape, format, 0);
            x = backend.Cast(x, format); // shared before the count starts
            var before = party.Ledger.Operations.Sum(o => o.Value.BytesSent);
            var z = Local(backend, x, format);
            var sent = party.Ledger.Operations.Sum(o => o.Value.BytesSent) - before;
            return (Sent: sent, Revealed: backend.Reveal(backend.Cast(z, format), 0));
        });

        Assert.All(runs.Results, r => Assert.Equal(0L, r.Sent));

        // The probabilistic truncation may differ from the emulator's floor by one unit in the last place.
        var secure = runs.Results[0].Revealed!.Data;
        Assert.All(secure.Zip(expected.Data), p => Assert.True(Math.Abs(p.First - p.Second) <= 1.5 * format.Ulp, $"{p.First} vs {p.Second}"));
        var reference = Secret.Data.Select((v, i) => (v * Table.Data[i % Table.Length]) + Table.Data[i % Table.Length]).ToArray();
        Assert.All(expected.Data.Zip(reference), p => Assert.True(Math.Abs(p.First - p.Second) < 4 * format.Ulp, $"{p.First} vs {p.Second}"));
    }

    [Fact]
    public void ASecretProductCostsARoundWhereAPublicOneCostsNothing()
    {
        // The estimate: the same program with the table as a weight (secret) pays a multiplication; as a constant, nothing.
        var plan = PrecisionPlan.Ditto;
        var approximations = new Approximations();
        var format = FixedPointFormat.Ring64;
        var publicRecorder = new CostRecorder();
        var estimate = BackendFactory.Estimate(plan, approximations, publicRecorder);
        var x = estimate.Input(null, Shape, format, 0);
        estimate.Multiply(x, estimate.Constant(Table, format));
        var secretRecorder = new CostRecorder();
        var secretEstimate = BackendFactory.Estimate(plan, approximations, secretRecorder);
        var y = secretEstimate.Input(null, Shape, format, 0);
        secretEstimate.Multiply(y, secretEstimate.Weight(Table, format));

        var input = (long)Math.Ceiling(Ditto.Runtime.Protocols.Arithmetic.InputSharing.Cost(64, Shape.Elements).Bytes);
        Assert.Equal(input, publicRecorder.Estimate.Bytes);
        Assert.True(secretRecorder.Estimate.Bytes > input + Table.Length, $"the secret product cost {secretRecorder.Estimate.Bytes} bytes");
    }

    [Fact]
    public void AProductOfTwoPublicTensorsIsLocalAndExact()
    {
        var format = FixedPointFormat.Ring64;
        var recorder = new CostRecorder();
        var estimate = BackendFactory.Estimate(PrecisionPlan.Ditto, new Approximations(), recorder);
        estimate.Multiply(estimate.Constant(Table, format), estimate.Constant(Table, format));
        Assert.Equal(0L, recorder.Estimate.Bytes);

        var emulator = BackendFactory.Emulated(PrecisionPlan.Ditto, new Approximations());
        var square = emulator.Reveal(emulator.Cast(emulator.Multiply(emulator.Constant(Table, format), emulator.Constant(Table, format)), format), null)!;
        Assert.All(square.Data.Zip(Table.Data), p => Assert.InRange(Math.Abs(p.First - (p.Second * p.Second)), 0, 2 * format.Ulp));
    }

    [Fact]
    public void APublicTensorThatFitsNeitherShapeIsRefusedByName()
    {
        var emulator = BackendFactory.Emulated(PrecisionPlan.Ditto, new Approximations());
        var x = emulator.Input(Secret, Shape, FixedPointFormat.Ring64, 0);
        var wrong = emulator.Constant(new Tensor(new float[5], TensorShape.Vector(5)), FixedPointFormat.Ring64);
        var e = Assert.Throws<ArgumentException>(() => emulator.Multiply(x, wrong));
        Assert.Contains("[3x4x8] and [5]", e.Message, StringComparison.Ordinal);
    }
}
