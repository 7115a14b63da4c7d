using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;

namespace Ditto.Runtime.Backends;

/// <summary>
/// The one interface generated code runs on: the float reference (<see cref="FloatBackend"/>), the clear fixed-point
/// emulator and the three-party engine (both <see cref="FixedPointBackend{TA, TB}"/>). Products come back with the sum of
/// their operands' fraction bits; the generated code restores formats with <see cref="Cast"/>, the one conversion API.
/// </summary>
public interface IBackend
{
    /// <summary>"float", "emulated" or "mpc".</summary>
    string Name { get; }

    /// <summary>What named precisions mean in this run.</summary>
    PrecisionPlan Plan { get; }

    /// <summary>The approximations of non-linear functions.</summary>
    Approximations Approximations { get; }

    /// <summary>The party that provides inputs and receives outputs (the client).</summary>
    int ClientId { get; }

    /// <summary>The party that owns the weights (the model owner).</summary>
    int WeightOwnerId { get; }

    /// <summary>Resolves a named precision through the plan.</summary>
    FixedPointFormat Resolve(string precision);

    /// <summary>Opens a cost scope ("layer3/attention"); a no-op outside MPC.</summary>
    IDisposable Scope(string name);

    /// <summary>
    /// Pins ops (by their catalogue names, "Gelu", "Softmax") until the handle is disposed: no preset replaces them by a
    /// different function; the fixed-point backends use the approximation of the model's own definition.
    /// </summary>
    IDisposable Pin(params string[] ops);

    /// <summary>Makes party <paramref name="owner"/>'s public integers (sizes, counts) known to every party; the others pass null.</summary>
    int[] Announce(int[]? values, int owner);

    /// <summary>A private input of party <paramref name="owner"/>; other parties pass null (only the shape is public).</summary>
    Value Input(Tensor? values, Tensors.TensorShape shape, FixedPointFormat format, int owner);

    /// <summary>A weight of the model owner in a format, shared once and cached for the session.</summary>
    Value Weight(Tensor weight, FixedPointFormat format);

    /// <summary>A public constant tensor in a format.</summary>
    Value Constant(Tensor values, FixedPointFormat format);

    /// <summary>Opens a value to one party or to all (null). Parties that do not learn it get null. The only exit from the engine.</summary>
    Tensor? Reveal(Value x, int? toParty);

    /// <summary>
    /// Converts to another format (rescale, ring change); free when the formats are equal. <paramref name="line"/> is the
    /// model's source line of the conversion the generator inserted (0 when not known), for the range checker's report.
    /// </summary>
    Value Cast(Value x, FixedPointFormat format, int line = 0);

    /// <summary>x + y, with NumPy broadcasting (aligned on the right, dimensions equal or 1).</summary>
    Value Add(Value x, Value y);

    /// <summary>x − y, broadcasting as <see cref="Add"/>.</summary>
    Value Subtract(Value x, Value y);

    /// <summary>−x.</summary>
    Value Negate(Value x);

    /// <summary>x ⊙ y (element-wise, broadcasting as Add); fraction bits add up.</summary>
    Value Multiply(Value x, Value y);

    /// <summary>x · y (matrix product, batched); fraction bits add up.</summary>
    Value MatMul(Value x, Value y, bool transposeY);

    /// <summary>x + c.</summary>
    Value AddConstant(Value x, double c);

    /// <summary>x · c, keeping x's format.</summary>
    Value Scale(Value x, double c);

    /// <summary>Reshape.</summary>
    Value Reshape(Value x, int[] shape);

    /// <summary>Permute axes.</summary>
    Value Transpose(Value x, int[] axes);

    /// <summary>Swap the last two axes.</summary>
    Value TransposeLast(Value x);

    /// <summary>Slice along an axis.</summary>
    Value Slice(Value x, int axis, int start, int length);

    /// <summary>Concatenate along an axis.</summary>
    Value Concat(int axis, Value[] parts);

    /// <summary>[..., S, H·D] → [..., H, S, D].</summary>
    Value SplitHeads(Value x, int heads);

    /// <summary>[..., H, S, D] → [..., S, H·D].</summary>
    Value MergeHeads(Value x);

    /// <summary>e^x on the whole format (underflow to 0, saturation at the format's limit).</summary>
    Value Exp(Value x);

    /// <summary>1/(1 + e^−x).</summary>
    Value Sigmoid(Value x);

    /// <summary>tanh(x).</summary>
    Value Tanh(Value x);

    /// <summary>x·σ(x).</summary>
    Value Silu(Value x);

    /// <summary>1/x.</summary>
    Value Reciprocal(Value x);

    /// <summary>1/√x.</summary>
    Value Rsqrt(Value x);

    /// <summary>√x.</summary>
    Value Sqrt(Value x);

    /// <summary>max(x, 0).</summary>
    Value Relu(Value x);

    /// <summary>GeLU of the model's variant.</summary>
    Value Gelu(Value x, GeluVariant variant);

    /// <summary>Softmax over the last axis.</summary>
    Value Softmax(Value x);

    /// <summary>Causal softmax over [..., queries, keys].</summary>
    Value CausalSoftmax(Value x);

    /// <summary>Softmax over the positions a public mask keeps (see <see cref="Ops.MaskedSoftmax"/>); hidden positions cost nothing.</summary>
    Value MaskedSoftmax(Value x, Tensor mask);

    /// <summary>LayerNorm over the last axis.</summary>
    Value LayerNorm(Value x, Value gamma, Value beta, double eps);

    /// <summary>RMSNorm over the last axis: x/√(mean(x²) + eps)·γ.</summary>
    Value RmsNorm(Value x, Value gamma, double eps);

    /// <summary>Max over the last axis (kept with size 1).</summary>
    Value Max(Value x);

    /// <summary>Mean over an axis (kept with size 1).</summary>
    Value Mean(Value x, int axis);

    /// <summary>Sum over an axis (kept with size 1): local, in x's format.</summary>
    Value Sum(Value x, int axis);

    /// <summary>Each slice along an axis repeated in place (repeat_interleave; expand on a size-1 axis): local.</summary>
    Value Repeat(Value x, int axis, int times);
}
