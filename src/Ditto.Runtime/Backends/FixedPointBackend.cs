using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Backends;

/// <summary>
/// A fixed-point backend over an engine: with <see cref="Emulation.ClearEngine"/> it is the emulator, with
/// <see cref="Protocols.SecretEngine"/> it is one party of the three-party engine. The same code either way.
/// </summary>
public sealed class FixedPointBackend<TA, TB> : IBackend
    where TA : class
    where TB : class
{
    private readonly Dictionary<(Tensor Weight, FixedPointFormat Format), TA> _weights = new(new WeightKeyComparer());
    private readonly Func<string, IDisposable> _scope;

    /// <summary>Creates the backend.</summary>
    public FixedPointBackend(string name, IFixedPointEngine<TA, TB> engine, PrecisionPlan plan, Approximations approximations, Func<string, IDisposable>? scope = null, int clientId = 0, int weightOwnerId = 1)
    {
        Name = name;
        Engine = engine ?? throw new ArgumentNullException(nameof(engine));
        Functions = new FixedPointFunctions<TA, TB>(engine);
        Plan = plan ?? throw new ArgumentNullException(nameof(plan));
        Approximations = approximations ?? throw new ArgumentNullException(nameof(approximations));
        _scope = scope ?? (_ => NoScope.Instance);
        ClientId = clientId;
        WeightOwnerId = weightOwnerId;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The engine.</summary>
    public IFixedPointEngine<TA, TB> Engine { get; }

    /// <summary>The function library on the engine.</summary>
    public FixedPointFunctions<TA, TB> Functions { get; }

    /// <inheritdoc/>
    public PrecisionPlan Plan { get; }

    /// <inheritdoc/>
    public Approximations Approximations { get; }

    /// <inheritdoc/>
    public int ClientId { get; }

    /// <inheritdoc/>
    public int WeightOwnerId { get; }

    /// <inheritdoc/>
    public FixedPointFormat Resolve(string precision) => Plan[precision];

    /// <inheritdoc/>
    public IDisposable Scope(string name) => _scope(name);

    /// <inheritdoc/>
    public int[] Announce(int[]? values, int owner) => Engine.Announce(values, owner);

    /// <inheritdoc/>
    public Value Input(Tensor? values, TensorShape shape, FixedPointFormat format, int owner)
    {
        if (values is not null && values.HasData && values.Shape != shape)
        {
            throw new ArgumentException($"The input of party {owner} has shape [{values.Shape}] but [{shape}] was declared.");
        }

        return new PrivateValue<TA>(values?.HasData == true ? values.Data : null, shape, format, owner);
    }

    /// <inheritdoc/>
    public Value Weight(Tensor weight, FixedPointFormat format)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (!_weights.TryGetValue((weight, format), out var shared))
        {
            using (_scope("weights"))
            {
                shared = Engine.Input(weight.HasData ? weight.Data : null, weight.Shape, format, WeightOwnerId);
            }

            _weights[(weight, format)] = shared;
        }

        return Wrap(shared);
    }

    /// <inheritdoc/>
    public Value Constant(Tensor values, FixedPointFormat format) => Wrap(Engine.Public(values.Data, values.Shape, format));

    /// <inheritdoc/>
    public Tensor? Reveal(Value x, int? toParty) => Engine.Reveal(A(x), toParty) is { } v ? new Tensor(v, x.Shape) : null;

    /// <inheritdoc/>
    public Value Cast(Value x, FixedPointFormat format) => Wrap(Engine.Cast(A(x), format));

    /// <inheritdoc/>
    public Value Add(Value x, Value y) => Broadcast(x, y, Engine.Add);

    /// <inheritdoc/>
    public Value Subtract(Value x, Value y) => Broadcast(x, y, Engine.Subtract);

    /// <inheritdoc/>
    public Value Negate(Value x) => Wrap(Engine.Negate(A(x)));

    /// <inheritdoc/>
    public Value Multiply(Value x, Value y) => Broadcast(x, y, Engine.Multiply);

    /// <inheritdoc/>
    public Value MatMul(Value x, Value y, bool transposeY) => x is PrivateValue<TA> { Shared: null } p && y is not PrivateValue<TA>
        ? Wrap(Engine.MatMulPrivate(p.Values, p.Shape, p.FixedFormat, p.Owner, A(y), transposeY))
        : Wrap(Engine.MatMul(A(x), A(y), false, transposeY));

    /// <inheritdoc/>
    public Value AddConstant(Value x, double c) => Wrap(Engine.AddConstant(A(x), c));

    /// <inheritdoc/>
    public Value Scale(Value x, double c) => Wrap(Functions.Scale(A(x), c));

    /// <inheritdoc/>
    public Value Reshape(Value x, int[] shape)
    {
        var s = new TensorShape(shape);
        if (s.Elements != x.Shape.Elements)
        {
            throw new ArgumentException($"Cannot reshape [{x.Shape}] ({x.Shape.Elements} elements) to [{s}] ({s.Elements} elements).");
        }

        return Wrap(Engine.Gather(A(x), s, Enumerable.Range(0, s.Elements).ToArray()));
    }

    /// <inheritdoc/>
    public Value Transpose(Value x, int[] axes) => Gather(x, TensorLayout.Transpose(x.Shape, axes));

    /// <inheritdoc/>
    public Value TransposeLast(Value x) => Gather(x, TensorLayout.TransposeLast(x.Shape));

    /// <inheritdoc/>
    public Value Slice(Value x, int axis, int start, int length) => Gather(x, TensorLayout.Slice(x.Shape, axis, start, length));

    /// <inheritdoc/>
    public Value Concat(int axis, Value[] parts) => Wrap(Engine.Concat([.. parts.Select(A)], axis));

    /// <inheritdoc/>
    public Value SplitHeads(Value x, int heads) => Gather(x, TensorLayout.SplitHeads(x.Shape, heads));

    /// <inheritdoc/>
    public Value MergeHeads(Value x) => Gather(x, TensorLayout.MergeHeads(x.Shape));

    /// <inheritdoc/>
    public Value Exp(Value x) => Wrap(Functions.Exp(A(x), Approximations.ExpIterations));

    /// <inheritdoc/>
    public Value Reciprocal(Value x) => Wrap(Functions.Reciprocal(A(x), Approximations.ReciprocalIterations));

    /// <inheritdoc/>
    public Value Rsqrt(Value x) => Wrap(Functions.Rsqrt(A(x)));

    /// <inheritdoc/>
    public Value Sqrt(Value x) => Wrap(Functions.Sqrt(A(x)));

    /// <inheritdoc/>
    public Value Relu(Value x) => Wrap(Functions.Relu(A(x)));

    /// <inheritdoc/>
    public Value Gelu(Value x, GeluVariant variant)
    {
        var approximation = variant == GeluVariant.Quad ? GeluApproximation.Quad : Approximations.Gelu;
        return Wrap(approximation switch
        {
            GeluApproximation.Quad => Functions.GeluQuad(A(x)),
            GeluApproximation.Puma => Functions.GeluPuma(A(x)),
            GeluApproximation.Tanh => Functions.GeluTanh(A(x)),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), approximation, "Unknown GeLU approximation."),
        });
    }

    /// <inheritdoc/>
    public Value Softmax(Value x) => Wrap(Functions.Softmax(A(x), Approximations, ExpFormat(), causal: false));

    /// <inheritdoc/>
    public Value CausalSoftmax(Value x) => Wrap(Functions.Softmax(A(x), Approximations, ExpFormat(), causal: true));

    /// <inheritdoc/>
    public Value LayerNorm(Value x, Value gamma, Value beta, double eps) => Wrap(Functions.LayerNorm(A(x), A(gamma), A(beta), eps));

    /// <inheritdoc/>
    public Value Max(Value x) => Wrap(Functions.Max(A(x)));

    /// <inheritdoc/>
    public Value Mean(Value x, int axis) => Wrap(Functions.Mean(A(x), axis));

    private FixedPointFormat? ExpFormat() => Approximations.SoftmaxExpPrecision is { } p ? Plan[p] : null;

    private FixedPointValue<TA> Wrap(TA x) => new(x, Engine.ShapeOf(x), Engine.FormatOf(x));

    private Value Gather(Value x, (TensorShape Shape, int[] Map) layout) => Wrap(Engine.Gather(A(x), layout.Shape, layout.Map));

    private Value Broadcast(Value x, Value y, Func<TA, TA, TA> op)
    {
        var (a, b) = (A(x), A(y));
        if (x.Shape != y.Shape)
        {
            if (TensorLayout.IsSuffix(y.Shape, x.Shape))
            {
                b = Engine.Gather(b, x.Shape, TensorLayout.BroadcastMap(y.Shape, x.Shape));
            }
            else if (TensorLayout.IsSuffix(x.Shape, y.Shape))
            {
                a = Engine.Gather(a, y.Shape, TensorLayout.BroadcastMap(x.Shape, y.Shape));
            }
            else
            {
                throw new ArgumentException($"[{x.Shape}] and [{y.Shape}]: shapes must be equal, or one must equal the other's trailing dimensions.");
            }
        }

        return Wrap(op(a, b));
    }

    private TA A(Value v) => v switch
    {
        FixedPointValue<TA> f => f.Inner,
        PrivateValue<TA> p => p.Shared ??= Engine.Input(p.Values, p.Shape, p.FixedFormat, p.Owner),
        _ => throw new ArgumentException($"The {Name} backend got a value of another backend ({v.GetType().Name})."),
    };

    private sealed class WeightKeyComparer : IEqualityComparer<(Tensor Weight, FixedPointFormat Format)>
    {
        public bool Equals((Tensor Weight, FixedPointFormat Format) x, (Tensor Weight, FixedPointFormat Format) y) => ReferenceEquals(x.Weight, y.Weight) && x.Format == y.Format;

        public int GetHashCode((Tensor Weight, FixedPointFormat Format) obj) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Weight), obj.Format);
    }
}
