using Ditto.Generators.Tests.Models;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Description;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;

namespace Ditto.Generators.Tests.Harness;

/// <summary>
/// One snapshot model, instantiated with small random weights: its plaintext method, its description (whose entry point
/// calls the generated twin), an input, the plan and approximations its emulator/MPC comparison runs under, and the bound
/// on their difference.
/// </summary>
/// <param name="Name">The model.</param>
/// <param name="Model">The instance.</param>
/// <param name="Description">Its generated description.</param>
/// <param name="Input">The input tensor.</param>
/// <param name="PublicArguments">Values of the public parameters after the input.</param>
/// <param name="Plain">The hand-written plaintext method.</param>
/// <param name="MpcPlan">The plan for the emulator/MPC comparison and the cost estimate against the engine.</param>
/// <param name="NoiseUlps">
/// The bound on |MPC − emulator| in units of the result format's last place. For the linear models: each MPC truncation
/// returns ⌊x/2^m⌋ or ⌊x/2^m⌋ + 1 where the emulator returns ⌊x/2^m⌋ (docs/protocols.md), and later linear layers carry
/// that unit into the result with a gain below the sum of |weights| they apply. With weights in ±0.5 and at most 16 inputs
/// per output, the observed differences are 1 to 4 units; the bounds leave a factor 2 (8 units) and, for the six
/// sequential blocks of LayerStack, 16. For the models with non-linear functions or mixed rings the bound is derived step
/// by step from the functions' documented bounds by <see cref="NoiseBounds"/>.
/// </param>
/// <param name="Approximations">The non-linear approximations of the emulator/MPC runs and the estimate.</param>
public sealed record ModelCase(string Name, object Model, ModelDescription Description, Tensor Input, object?[] PublicArguments, Func<Tensor, Tensor> Plain, PrecisionPlan MpcPlan, double NoiseUlps, Approximations Approximations)
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

    /// <summary>
    /// The approximations of the models with softmax: exp with n = 8 multiplications, whose accuracy bound at fxp64.18
    /// (2.2e−5 per term) the derived noise bounds use; everything else at its default.
    /// </summary>
    public static Approximations SoftmaxExp8 { get; } = new() { ExpIterations = 8 };

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

        var defaults = new Approximations();
        var mlp = new Mlp(U(0.5, 8, 16), U(0.5, 16), U(0.5, 16, 4), U(0.5, 4));
        cases.Add(new("Mlp", mlp, Mlp.ModelDescription, U(1, 4, 8), [], mlp.Forward, PrecisionPlan.Ditto, 8, defaults));

        var attention = new Attention(2, U(0.5, 8, 8), U(0.5, 8, 8), U(0.5, 8, 8), U(0.5, 8, 8));
        var attentionInput = U(1, 4, 8);
        cases.Add(new("Attention", attention, Attention.ModelDescription, attentionInput, [], attention.Forward, PrecisionPlan.Ditto, NoiseBounds.Attention(attention, attentionInput, out _), SoftmaxExp8));

        var bert = new BertLayer(new Attention(2, U(0.5, 8, 8), U(0.5, 8, 8), U(0.5, 8, 8), U(0.5, 8, 8)),
            U(1, 8), U(0.2, 8), U(0.5, 8, 16), U(0.2, 16), U(0.5, 16, 8), U(0.2, 8), U(1, 8), U(0.2, 8));
        var bertInput = U(1, 4, 8);
        var bertCase = new ModelCase("BertLayer", bert, BertLayer.ModelDescription, bertInput, [], bert.Forward, PrecisionPlan.Ditto, 0, SoftmaxExp8);
        var emulated = BackendFactory.Emulated(PrecisionPlan.Ditto, SoftmaxExp8);
        var (sigma1, sigma2) = NoiseBounds.BertLayerDeviations(bert, bertInput, PrecisionPlan.Ditto, SoftmaxExp8, emulated.Reveal(bertCase.RunTwin(emulated, bertInput), null)!.Data);
        cases.Add(bertCase with { NoiseUlps = NoiseBounds.BertLayer(bert, bertInput, sigma1, sigma2) });

        var mixed = new MixedFormats(U(0.5, 8, 8), U(1, 8));
        cases.Add(new("MixedFormats", mixed, MixedFormats.ModelDescription, U(1, 4, 8), [], mixed.Forward, PrecisionPlan.Ditto, 8, defaults));

        var rings = new MixedRings(U(0.5, 8, 8));
        var ringsInput = U(1, 4, 8);
        cases.Add(new("MixedRings", rings, MixedRings.ModelDescription, ringsInput, [], rings.Forward, PrecisionPlan.Ditto, NoiseBounds.MixedRings(rings, ringsInput), defaults));

        var gated = new GatedUnit(U(0.5, 8, 8), U(0.5, 8, 8));
        var gatedInput = U(1, 4, 8);
        cases.Add(new("GatedUnit", gated, GatedUnit.ModelDescription, gatedInput, [], gated.Forward, PrecisionPlan.Ditto, NoiseBounds.GatedUnit(gated, gatedInput), defaults));

        var stack = new LayerStack([new Block(U(0.4, 8, 8), U(0.2, 8)), new Block(U(0.4, 8, 8), U(0.2, 8), skip: true), new Block(U(0.4, 8, 8), U(0.2, 8))], new Block(U(0.4, 8, 8), U(0.2, 8)));
        cases.Add(new("LayerStack", stack, LayerStack.ModelDescription, U(1, 4, 8), [3], x => stack.Forward(x, 3), PrecisionPlan.Ditto, 16, defaults));

        var layout = new Layout(U(0.5, 4));
        cases.Add(new("Layout", layout, Layout.ModelDescription, U(1, 2, 8), [], layout.Forward, PrecisionPlan.Ditto, 8, defaults));
        return cases;
    }
}
