using Ditto.Generators.Tests.Harness;
using Ditto.Generators.Tests.Models;
using Ditto.Runtime.Backends;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;

namespace Ditto.Generators.Tests;

/// <summary>
/// The twin of a model with public tensors (Models/Rotary.cs: RoPE tables and a causal mask computed from public
/// positions): exact on the float backend; on the three-party engine its products with the tables send no
/// multiplication (only the truncations after them), and it stays within the truncation noise of the emulator.
/// </summary>
public class PublicTensorTwinTests
{
    private static readonly Rotary Model = new() { HeadSize = 8, Theta = 10000 };
    private static readonly TensorShape Shape = new(5, 8);

    private static Tensor Values(double phase) => new([.. Enumerable.Range(0, Shape.Elements).Select(i => (float)Math.Sin((i * 0.41) + phase))], Shape);

    [Fact]
    public void TheFloatTwinEqualsThePlainModel()
    {
        var (q, k) = (Values(0), Values(1));
        var plain = Model.Forward(q, k, start: 3);
        var backend = BackendFactory.Float();
        var twin = backend.Reveal(Model.Forward(backend, backend.Input(q, Shape, FixedPointFormat.Ring64, 0), backend.Input(k, Shape, FixedPointFormat.Ring64, 0), 3), null)!;
        Assert.Equal(plain.Data, twin.Data);
    }

    [Fact]
    public void RotatingBySecretFreeTablesSendsNoMultiplicationAndMatchesTheEmulator()
    {
        var x = Values(0.5);
        var cos = PublicTables.Cos(3, Shape[0], 8, 10000);
        var sin = PublicTables.Sin(3, Shape[0], 8, 10000);
        var format = FixedPointFormat.Ring64;
        var plan = PrecisionPlan.Ditto;
        var approximations = new Approximations();
        var emulator = BackendFactory.Emulated(plan, approximations);
        var expected = emulator.Reveal(Model.Rotate(emulator, emulator.Input(x, Shape, format, 0), cos, sin), 0)!;

        var runs = Sessions.Run(party =>
        {
            var backend = BackendFactory.Mpc(party, plan, approximations);
            var rotated = backend.Reveal(Model.Rotate(backend, backend.Input(party.Id == 0 ? x : null, Shape, format, 0), cos, sin), 0);
            var protocols = party.Ledger.Operations.Keys.Where(key => key.Scope.Contains("Rotary.Rotate", StringComparison.Ordinal)).Select(key => key.Operation).Distinct().ToList();
            return (Rotated: rotated, Protocols: protocols);
        });

        Assert.All(runs.Results, r => Assert.DoesNotContain("mul", r.Protocols));
        Assert.All(runs.Results, r => Assert.NotEmpty(r.Protocols)); // the truncations are there, and are all that is sent

        // Two truncations, each ⌊·⌋ or ⌊·⌋ + 1 against the emulator's floor: at most two units in the last place.
        Assert.All(runs.Results[0].Rotated!.Data.Zip(expected.Data), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, (2 * format.Ulp) + 1e-9));
        // Against float: x and the tables are encoded to half a unit each (|x|, |cos|, |sin| ≤ 1, so each product is off by
        // at most about 1.25 units before its floor, and by 2.25 after it): two terms, under 6 units.
        var reference = Model.Rotate(x, cos, sin);
        Assert.All(expected.Data.Zip(reference.Data), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 6 * format.Ulp));
    }
}
