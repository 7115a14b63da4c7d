using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Backends;

/// <summary>
/// The float reference backend: every operation is the plaintext op library (<see cref="Tensor"/> and <see cref="Ops"/>),
/// formats and casts are ignored. A generated twin run here equals the hand-written model exactly.
/// </summary>
public sealed class FloatBackend : IBackend
{
    /// <summary>A float backend; the plan only answers <see cref="Resolve"/> (float ignores formats).</summary>
    public FloatBackend(PrecisionPlan? plan = null)
    {
        Plan = plan ?? PrecisionPlan.Ditto;
    }

    private readonly ModelScopes _models = new();

    /// <inheritdoc/>
    public string Name => "float";

    /// <inheritdoc/>
    public PrecisionPlan Plan { get; }

    /// <inheritdoc/>
    public Approximations Approximations { get; } = new();

    /// <inheritdoc/>
    public int ClientId => 0;

    /// <inheritdoc/>
    public int WeightOwnerId => 1;

    /// <inheritdoc/>
    public FixedPointFormat Resolve(string precision) => Plan.Resolve(precision, _models.Current);

    /// <inheritdoc/>
    public IDisposable Scope(string name) => _models.Enter(name, NoScope.Instance);

    /// <inheritdoc/>
    public IDisposable Pin(params string[] ops) => NoScope.Instance;

    /// <inheritdoc/>
    public int[] Announce(int[]? values, int owner) => values ?? throw new ArgumentNullException(nameof(values), $"the public values of party {owner}");

    /// <inheritdoc/>
    public Value Input(Tensor? values, TensorShape shape, FixedPointFormat format, int owner)
    {
        ArgumentNullException.ThrowIfNull(values, $"the input of party {owner}");
        if (values.Shape != shape)
        {
            throw new ArgumentException($"The input has shape [{values.Shape}] but [{shape}] was declared.");
        }

        return new FloatValue(values);
    }

    /// <inheritdoc/>
    public Value Weight(Tensor weight, FixedPointFormat format) => new FloatValue(weight);

    /// <inheritdoc/>
    public Value Constant(Tensor values, FixedPointFormat format) => new FloatValue(values);

    /// <inheritdoc/>
    public Tensor? Reveal(Value x, int? toParty) => T(x);

    /// <inheritdoc/>
    public Value Cast(Value x, FixedPointFormat format, int line = 0) => x;

    /// <inheritdoc/>
    public Value Add(Value x, Value y) => V(T(x) + T(y));

    /// <inheritdoc/>
    public Value Subtract(Value x, Value y) => V(T(x) - T(y));

    /// <inheritdoc/>
    public Value Negate(Value x) => V(-T(x));

    /// <inheritdoc/>
    public Value Multiply(Value x, Value y) => V(T(x) * T(y));

    /// <inheritdoc/>
    public Value MatMul(Value x, Value y, bool transposeY) => V(Tensor.MatMul(T(x), T(y), transposeY));

    /// <inheritdoc/>
    public Value AddConstant(Value x, double c) => V(T(x) + c);

    /// <inheritdoc/>
    public Value Scale(Value x, double c) => V(T(x) * c);

    /// <inheritdoc/>
    public Value Reshape(Value x, int[] shape) => V(T(x).Reshape(shape));

    /// <inheritdoc/>
    public Value Transpose(Value x, int[] axes) => V(T(x).Transpose(axes));

    /// <inheritdoc/>
    public Value TransposeLast(Value x) => V(T(x).TransposeLast());

    /// <inheritdoc/>
    public Value Slice(Value x, int axis, int start, int length) => V(T(x).Slice(axis, start, length));

    /// <inheritdoc/>
    public Value Concat(int axis, Value[] parts) => V(Tensor.Concat(axis, [.. parts.Select(T)]));

    /// <inheritdoc/>
    public Value SplitHeads(Value x, int heads) => V(Ops.SplitHeads(T(x), heads));

    /// <inheritdoc/>
    public Value MergeHeads(Value x) => V(Ops.MergeHeads(T(x)));

    /// <inheritdoc/>
    public Value Exp(Value x) => V(Ops.Exp(T(x)));

    /// <inheritdoc/>
    public Value Sigmoid(Value x) => V(Ops.Sigmoid(T(x)));

    /// <inheritdoc/>
    public Value Tanh(Value x) => V(Ops.Tanh(T(x)));

    /// <inheritdoc/>
    public Value Silu(Value x) => V(Ops.Silu(T(x)));

    /// <inheritdoc/>
    public Value Reciprocal(Value x) => V(Ops.Reciprocal(T(x)));

    /// <inheritdoc/>
    public Value Rsqrt(Value x) => V(Ops.Rsqrt(T(x)));

    /// <inheritdoc/>
    public Value Sqrt(Value x) => V(Ops.Sqrt(T(x)));

    /// <inheritdoc/>
    public Value Relu(Value x) => V(Ops.Relu(T(x)));

    /// <inheritdoc/>
    public Value Gelu(Value x, GeluVariant variant) => V(Ops.Gelu(T(x), variant));

    /// <inheritdoc/>
    public Value Softmax(Value x) => V(Ops.Softmax(T(x)));

    /// <inheritdoc/>
    public Value CausalSoftmax(Value x) => V(Ops.CausalSoftmax(T(x)));

    /// <inheritdoc/>
    public Value LayerNorm(Value x, Value gamma, Value beta, double eps) => V(Ops.LayerNorm(T(x), T(gamma), T(beta), eps));

    /// <inheritdoc/>
    public Value RmsNorm(Value x, Value gamma, double eps) => V(Ops.RmsNorm(T(x), T(gamma), eps));

    /// <inheritdoc/>
    public Value Max(Value x) => V(Ops.Max(T(x)));

    /// <inheritdoc/>
    public Value Mean(Value x, int axis) => V(Ops.Mean(T(x), axis));

    /// <inheritdoc/>
    public Value MaskedSoftmax(Value x, Tensor mask) => V(Ops.MaskedSoftmax(T(x), mask));

    /// <inheritdoc/>
    public Value Sum(Value x, int axis) => V(Ops.Sum(T(x), axis));

    /// <inheritdoc/>
    public Value Repeat(Value x, int axis, int times) => V(Ops.Repeat(T(x), axis, times));

    private static FloatValue V(Tensor t) => new(t);

    private static Tensor T(Value v) => v is FloatValue f ? f.Tensor : throw new ArgumentException($"The float backend got a value of another backend ({v.GetType().Name}).");
}
