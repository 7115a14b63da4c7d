using Ditto.Generators.Tests.Models;
using Ditto.Runtime.Backends;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;

namespace Ditto.Generators.Tests.Harness;

/// <summary>
/// Worst-case bounds on |MPC − emulator| for the models with non-linear functions and mixed rings, derived step by step
/// from the documented bounds (docs/protocols.md; tests/Ditto.Runtime.Tests/Functions), not from observation. The two runs
/// execute the same fixed-point program; they differ only because a secure truncation (or downcast) returns ⌊x/2^m⌋ or
/// ⌊x/2^m⌋ + 1 where the emulator returns ⌊x/2^m⌋. Each bound is a real-valued Δ carried through the program:
/// <list type="bullet">
/// <item><b>truncation or downcast to a grid of <c>ulp</c></b> of inputs that differ by Δ: their floors differ by at most
/// ⌈Δ/ulp⌉ units and the MPC adds 0 or 1, so Δ' = (⌈Δ/ulp⌉ + 1)·ulp (<see cref="Truncated"/>);</item>
/// <item><b>upcast and left shift</b>: exact (inputs stay inside |x| &lt; 2^30), Δ' = Δ;</item>
/// <item><b>products</b>: |a₁b₁ − a₂b₂| ≤ Δa·|b₁| + |a₂|·Δb summed over the K terms, with magnitudes bounded from the
/// weights' column norms (the quantized weights: each |w| grows by at most half a unit);</item>
/// <item><b>a non-linear function F</b> whose emulation and protocol are each within acc of the exact F (the documented
/// accuracy bound acc of the protocol, plus its documented distance eq to the emulation on equal inputs) and whose exact F
/// is L-Lipschitz in the max-norm: Δ' = 2·acc + eq + L·Δ; on equal inputs (Δ = 0) the equivalence bound eq alone.</item>
/// </list>
/// Weights and biases are the same tensors in both runs, so they add no difference, except where a weight is cast (the
/// GatedUnit's WUp, shared in NonLinear and cast down to Linear, where each weight may differ by one unit). These are
/// worst cases (every one-unit difference aligned, every product at its largest magnitude); the observed differences are
/// printed by the test and are far smaller. Units: u = 2^−8 (fxp32.8), U = 2^−18 (fxp64.18), under the Ditto plan.
/// </summary>
internal static class NoiseBounds
{
    private const double U8 = 1.0 / 256;
    private const double U18 = 1.0 / (1 << 18);

    /// <summary>The largest slope of erf-GeLU, Φ(x) + x·φ(x) at x = √2.</summary>
    private const double GeluSlope = 1.1290;

    /// <summary>Inputs differing by Δ, truncated (or downcast) to a grid of <paramref name="ulp"/>.</summary>
    public static double Truncated(double delta, double ulp) => (Math.Ceiling(delta / ulp) + 1) * ulp;

    /// <summary>max_j Σ_i |w_ij| of a [in, out] weight after quantization to <paramref name="ulp"/> (round to nearest: half a unit more each).</summary>
    public static double ColumnNorm(Tensor w, double ulp)
    {
        var (rows, cols) = (w.Shape[0], w.Shape[1]);
        return Enumerable.Range(0, cols).Max(j => Enumerable.Range(0, rows).Sum(i => Math.Abs(w.Data[(i * cols) + j]) + (ulp / 2)));
    }

    /// <summary>max |t| after quantization to <paramref name="ulp"/>.</summary>
    public static double MaxAbs(Tensor t, double ulp) => t.Data.Max(Math.Abs) + (ulp / 2);

    /// <summary>
    /// Attention (Linear = fxp32.8, softmax in NonLinear = fxp64.18 with exp n = 8), in units of u. q, k, v: one truncation
    /// of equal products, Δ = u. Scores q·kᵀ over the head width: a product of two secrets, truncated, then Scale(1/√d):
    /// the encoded constant times Δ, truncated. The cast up is exact. Softmax: exact softmax is ½-Lipschitz in the max-norm
    /// (Σ_j |∂p_i/∂s_j| = 2p_i(1 − p_i) ≤ ½); its accuracy at fxp64.18 with n = 8 is 2.2e−5 per exp term (asserted by the
    /// exp accuracy test) through a row sum of T terms ≥ 1 (its largest term is e^0), so 2.2e−5·(1 + T) plus two output
    /// units, and the protocol is within 3 + 2T units of the emulation (FunctionEquivalenceTests). The cast down is a
    /// truncation to u. p·v over T keys: Σ_j Δp·|v_j| + |p_j|·Δv with Σ_j |p_j| ≤ 1 + T·(acc + Δp). Then ·Wo, truncated.
    /// </summary>
    public static double Attention(Attention model, Tensor x, out double mOut)
    {
        var mx = MaxAbs(x, U8);
        var (dq, mq) = (U8, (ColumnNorm(model.Wq, U8) * mx) + U8);
        var (dk, mk) = (U8, (ColumnNorm(model.Wk, U8) * mx) + U8);
        var (dv, mv) = (U8, (ColumnNorm(model.Wv, U8) * mx) + U8);
        var width = x.Shape[-1] / model.Heads;
        var keys = x.Shape[0];
        var ds = Truncated(width * ((dq * mk) + ((mq + dq) * dk)), U8);
        var c = 1 / Math.Sqrt(width);
        var bits = FixedPointFunctions<object, object>.ConstantBits(FixedPointFormat.Ring32, c);
        var encoded = Math.Round(Math.ScaleB(c, bits), MidpointRounding.ToEven) / Math.ScaleB(1, bits);
        ds = Truncated(encoded * ds, U8);
        var accuracy = (2.2e-5 * (1 + keys)) + (2 * U18);
        var equivalence = (3 + (2 * keys)) * U18;
        var dp = Truncated((2 * accuracy) + equivalence + (0.5 * ds), U8);
        var dc = Truncated((keys * dp * mv) + ((1 + (keys * (accuracy + dp))) * dv), U8);
        var mc = mv * (1 + (keys * (accuracy + U8)));
        var wo = ColumnNorm(model.Wo, U8);
        mOut = (wo * mc) + U8;
        return Truncated(wo * dc, U8) / U8;
    }

    /// <summary>
    /// MixedRings (fxp32.8 and fxp64.18), in units of u. h = x·W truncated: Δ = u. Activate in fxp64.18 after an exact
    /// cast: quad GeLU is ⌊x(x + 2)/2^(f+3)⌋ + 0.5 in one fused product (FixedPointFunctions.GeluQuad), so inputs that
    /// differ by Δ give products that differ by Δ·|x₁ + x₂ + 2|, then a truncation to U; times h (a product), truncated to
    /// U; cast down, a truncation to u; plus h (Δ = u).
    /// </summary>
    public static double MixedRings(MixedRings model, Tensor x)
    {
        var mh = (ColumnNorm(model.W, U8) * MaxAbs(x, U8)) + U8;
        var dh = U8;
        var (dg, mg) = Quad(dh, mh, U18);
        var product = Truncated((dg * mh) + ((mg + dg) * dh), U18);
        return (Truncated(product, U8) + dh) / U8;
    }

    /// <summary>
    /// GatedUnit under Ditto (Linear fxp32.8, NonLinear fxp64.18), in units of u. gate: x·WGate truncated (Δ = u), cast up
    /// (exact), quad GeLU as in <see cref="MixedRings"/>, cast down (truncation to u). up: WUp is shared in fxp64.18 and
    /// cast down to fxp32.8, so each weight may differ by one unit u; x·WUp then differs by Σ_i |x_i|·u, truncated. The
    /// product gate·up (K = 1), truncated.
    /// </summary>
    public static double GatedUnit(GatedUnit model, Tensor x)
    {
        var mx = MaxAbs(x, U8);
        var mh = (ColumnNorm(model.WGate, U8) * mx) + U8;
        var (dg, mg) = Quad(U8, mh, U18);
        dg = Truncated(dg, U8);
        mg += U8;
        var inputs = model.WUp.Shape[0];
        var dup = Truncated(inputs * mx * U8, U8);
        var mup = (ColumnNorm(model.WUp, U18) * mx) + (inputs * mx * U8) + U8;
        return Truncated((dg * mup) + ((mg + dg) * dup), U8) / U8;
    }

    /// <summary>
    /// BertLayer under Ditto with PUMA's GeLU (the default approximation for Erf) and softmax with exp n = 8, in units of u.
    /// Attention as in <see cref="Attention"/>; the residual adds nothing. LayerNorm (fxp64.18, width d): the exact
    /// LayerNorm's max-norm Lipschitz constant is max|γ|·(2 + √(d − 1))/σ, from ∂y_i/∂h_j = (γ_i/σ)(δ_ij − 1/d − ĥ_iĥ_j/d)
    /// with Σ_j |ĥ_j|/d ≤ 1 and |ĥ_i| ≤ √(d − 1), where σ is the row's standard deviation; σ is 1-Lipschitz in the max-norm,
    /// so along the way from the emulator's input to the protocol's it stays above σ_min − Δ, with σ_min the smallest row
    /// deviation of the emulator's own LayerNorm input (<paramref name="sigma1"/>, <paramref name="sigma2"/>). Its accuracy
    /// at fxp64.18 is 1e−2 (the bound, asserted by the accuracy test) and the protocol is within 3 units U of the
    /// emulation. When σ_min − Δ ≤ 0 no slope applies and the bound is the output range, 2·max|γ|·√(d − 1). The cast down
    /// is a truncation to u. PUMA's GeLU in fxp32.8 is within 0.0199 + 4u of erf-GeLU (asserted) and 2u of its emulation;
    /// erf-GeLU's slope is at most 1.129. The feed-forward weights as linear layers, the residual h + f adds both Δs.
    /// </summary>
    public static double BertLayer(BertLayer model, Tensor x, double sigma1, double sigma2)
    {
        var da = Attention(model.Attention, x, out _) * U8;
        var d = x.Shape[-1];
        var dh1 = Truncated(LayerNorm(da, model.Gamma1, d, sigma1), U8);
        var dz = Truncated(ColumnNorm(model.W1, U8) * dh1, U8);
        var dgelu = (2 * (0.0199 + (4 * U8))) + (2 * U8) + (GeluSlope * dz);
        var df = Truncated(ColumnNorm(model.W2, U8) * dgelu, U8);
        var dh2 = dh1 + df;
        return Truncated(LayerNorm(dh2, model.Gamma2, d, sigma2), U8) / U8;
    }

    /// <summary>The emulator's and the protocol's LayerNorm outputs for inputs Δ apart (see <see cref="BertLayer"/>).</summary>
    private static double LayerNorm(double delta, Tensor gamma, int d, double sigma)
    {
        var g = MaxAbs(gamma, U18);
        var accuracy = 1e-2;
        var equivalence = 3 * U18;
        var range = 2 * g * Math.Sqrt(d - 1);
        var slack = sigma - delta;
        var sloped = slack > 0 ? (2 * accuracy) + equivalence + (g * (2 + Math.Sqrt(d - 1)) / slack * delta) : double.PositiveInfinity;
        return Math.Min(sloped, range + (2 * accuracy) + equivalence);
    }

    /// <summary>Quad GeLU ⌊x(x + 2)/8⌋ + 0.5 on inputs Δ apart with |x| ≤ m: Δ·(2m + Δ + 2)/8, truncated to <paramref name="ulp"/>; and the output's magnitude.</summary>
    private static (double Delta, double Max) Quad(double delta, double m, double ulp) =>
        (Truncated(delta * ((2 * m) + delta + 2) / 8, ulp), ((m * m) + (2 * m)) / 8 + 0.5 + ulp);

    /// <summary>
    /// The smallest row deviation of BertLayer's two LayerNorm inputs in the emulator, computed with the backend calls the
    /// generated twin makes (see Snapshots/BertLayer.verified.cs); the final LayerNorm on the second input must reproduce
    /// the twin's emulated output exactly, which checks that the calls are the twin's.
    /// </summary>
    public static (double Sigma1, double Sigma2) BertLayerDeviations(BertLayer model, Tensor x, PrecisionPlan plan, Approximations approximations, float[] twinOutput)
    {
        var emu = BackendFactory.Emulated(plan, approximations);
        var (linear, nonLinear) = (plan[global::Ditto.Precision.Linear], plan[global::Ditto.Precision.NonLinear]);
        var xv = emu.Input(x, x.Shape, linear, emu.ClientId);
        var a = Models.Attention.ModelDescription.Method("Forward").Invoke(model.Attention, emu, [xv]);
        var in1 = emu.Cast(emu.Add(xv, a), nonLinear);
        var h = emu.Cast(emu.LayerNorm(in1, emu.Weight(model.Gamma1, nonLinear), emu.Weight(model.Beta1, nonLinear), 1e-12), linear);
        var z = emu.Add(emu.Cast(emu.MatMul(h, emu.Weight(model.W1, linear), false), linear), emu.Weight(model.B1, linear));
        var f = emu.Add(emu.Cast(emu.MatMul(emu.Gelu(z, global::Ditto.GeluVariant.Erf), emu.Weight(model.W2, linear), false), linear), emu.Weight(model.B2, linear));
        var in2 = emu.Cast(emu.Add(h, f), nonLinear);
        var output = emu.Reveal(emu.Cast(emu.LayerNorm(in2, emu.Weight(model.Gamma2, nonLinear), emu.Weight(model.Beta2, nonLinear), 1e-12), linear), null)!;
        if (!output.Data.SequenceEqual(twinOutput))
        {
            throw new InvalidOperationException("The replicated BertLayer calls do not reproduce the twin's emulated output; update NoiseBounds.BertLayerDeviations.");
        }

        return (MinRowDeviation(emu.Reveal(in1, null)!), MinRowDeviation(emu.Reveal(in2, null)!));
    }

    private static double MinRowDeviation(Tensor t)
    {
        var d = t.Shape[-1];
        return Enumerable.Range(0, t.Length / d).Min(r =>
        {
            var row = t.Data.AsSpan(r * d, d).ToArray().Select(v => (double)v).ToArray();
            var mean = row.Average();
            return Math.Sqrt(row.Sum(v => (v - mean) * (v - mean)) / d);
        });
    }
}
