using Ditto.Generators.Tests.Models;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Description;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Generators.Tests.Harness;

/// <summary>
/// One snapshot model, instantiated with small random weights: its plaintext method, its description (whose entry point
/// calls the generated twin), an input, and whether the MPC engine can run it today.
/// </summary>
/// <param name="Name">The model.</param>
/// <param name="Model">The instance.</param>
/// <param name="Description">Its generated description.</param>
/// <param name="Input">The input tensor.</param>
/// <param name="PublicArguments">Values of the public parameters after the input.</param>
/// <param name="Plain">The hand-written plaintext method.</param>
/// <param name="MpcPlan">The plan for the emulator/MPC comparison, or null when the model needs functions or ring conversions that are not implemented yet.</param>
/// <param name="NoiseUlps">
/// The documented bound on |MPC − emulator| in units of the result format's last place: each MPC truncation returns
/// ⌊x/2^m⌋ or ⌊x/2^m⌋ + 1 where the emulator returns ⌊x/2^m⌋ (docs/protocols.md), and later linear layers carry that
/// unit into the result with a gain below the sum of |weights| they apply. With weights in ±0.5 and at most 16 inputs
/// per output, the observed differences are 1 to 4 units; the bounds leave a factor 2 (8 units) and, for the six
/// sequential blocks of LayerStack, 16.
/// </param>
public sealed record ModelCase(string Name, object Model, ModelDescription Description, Tensor Input, object?[] PublicArguments, Func<Tensor, Tensor> Plain, PrecisionPlan? MpcPlan, double NoiseUlps)
{
    public MethodDescription Method => Description.Method("Forward");

    public override string ToString() => Name;

    /// <summary>Runs the twin on a backend with the input shared by the client in the parameter's declared format.</summary>
    public Value RunTwin(IBackend backend, Tensor? input)
    {
        var (ring, fraction) = Method.Parameters[0].Format!.Resolve(backend.Plan);
        var x = backend.Input(input, Input.Shape, new FixedPointFormat(ring, fraction), backend.ClientId);
        return Method.Invoke(Model, backend, [x, .. PublicArguments]);
    }

    /// <summary>Linear = 32-bit/8, NonLinear = 32-bit/12: Ditto's names in one ring, so no ring conversion is needed yet.</summary>
    public static PrecisionPlan OneRingPlan { get; } = PrecisionPlan.Ditto.WithOverrides("NonLinear=32:12");

    public static IReadOnlyList<ModelCase> All { get; } = Create();

    private static List<ModelCase> Create()
    {
        var random = new Random(5);
        Tensor U(double scale, params int[] shape)
        {
            var s = new TensorShape(shape);
            return new Tensor([.. Enumerable.Range(0, s.Elements).Select(_ => (float)(((random.NextDouble() * 2) - 1) * scale))], s);
        }

        var cases = new List<ModelCase>();

        var mlp = new Mlp(U(0.5, 8, 16), U(0.5, 16), U(0.5, 16, 4), U(0.5, 4));
        cases.Add(new("Mlp", mlp, Mlp.ModelDescription, U(1, 4, 8), [], mlp.Forward, PrecisionPlan.Ditto, 8));

        var attention = new Attention(2, U(0.5, 8, 8), U(0.5, 8, 8), U(0.5, 8, 8), U(0.5, 8, 8));
        cases.Add(new("Attention", attention, Attention.ModelDescription, U(1, 4, 8), [], attention.Forward, PrecisionPlan.Ditto, 1e9));

        var bert = new BertLayer(new Attention(2, U(0.5, 8, 8), U(0.5, 8, 8), U(0.5, 8, 8), U(0.5, 8, 8)),
            U(1, 8), U(0.2, 8), U(0.5, 8, 16), U(0.2, 16), U(0.5, 16, 8), U(0.2, 8), U(1, 8), U(0.2, 8));
        cases.Add(new("BertLayer", bert, BertLayer.ModelDescription, U(1, 4, 8), [], bert.Forward, PrecisionPlan.Ditto, 1e9));

        var mixed = new MixedFormats(U(0.5, 8, 8), U(1, 8));
        cases.Add(new("MixedFormats", mixed, MixedFormats.ModelDescription, U(1, 4, 8), [], mixed.Forward, PrecisionPlan.Ditto, 8));

        var rings = new MixedRings(U(0.5, 8, 8));
        cases.Add(new("MixedRings", rings, MixedRings.ModelDescription, U(1, 4, 8), [], rings.Forward, PrecisionPlan.Ditto, 1e9));

        var gated = new GatedUnit(U(0.5, 8, 8), U(0.5, 8, 8));
        cases.Add(new("GatedUnit", gated, GatedUnit.ModelDescription, U(1, 4, 8), [], gated.Forward, PrecisionPlan.Ditto, 1e9));

        var stack = new LayerStack([new Block(U(0.4, 8, 8), U(0.2, 8)), new Block(U(0.4, 8, 8), U(0.2, 8), skip: true), new Block(U(0.4, 8, 8), U(0.2, 8))], new Block(U(0.4, 8, 8), U(0.2, 8)));
        cases.Add(new("LayerStack", stack, LayerStack.ModelDescription, U(1, 4, 8), [3], x => stack.Forward(x, 3), PrecisionPlan.Ditto, 16));

        var layout = new Layout(U(0.5, 4));
        cases.Add(new("Layout", layout, Layout.ModelDescription, U(1, 2, 8), [], layout.Forward, PrecisionPlan.Ditto, 8));
        return cases;
    }
}
