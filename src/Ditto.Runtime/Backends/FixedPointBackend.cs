using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Backends;

/// <summary>
/// A fixed-point backend over an engine: with <see cref="Engines.Clear.ClearEngine"/> it is the emulator, with
/// <see cref="Engines.Secret.SecretEngine"/> it is one party of the three-party engine. The same code either way.
/// </summary>
public sealed class FixedPointBackend<TA, TB> : IBackend
    where TA : class
    where TB : class
{
    private readonly Dictionary<(Tensor Weight, FixedPointFormat Format), TA> _weights = new(new WeightKeyComparer());
    private const string WeightOrigin = "weight";
    private readonly Func<string, IDisposable> _scope;
    private readonly Func<string, IDisposable> _rootScope;
    private readonly ModelScopes _models = new();
    private readonly Func<int, IDisposable>? _site;
    private readonly List<HeadroomWarning> _warnings = [];
    private readonly HashSet<string> _pins = new(StringComparer.Ordinal);
    private readonly HashSet<HeadroomWarning> _warned = [];

    /// <summary>Creates the backend.</summary>
    public FixedPointBackend(string name, IFixedPointEngine<TA, TB> engine, PrecisionPlan plan, Approximations approximations, Func<string, IDisposable>? scope = null, int clientId = 0, int weightOwnerId = 1, Func<string, IDisposable>? rootScope = null, Func<int, IDisposable>? site = null)
    {
        _site = site;
        Name = name;
        Engine = engine ?? throw new ArgumentNullException(nameof(engine));
        Functions = new FixedPointFunctions<TA, TB>(engine);
        Plan = plan ?? throw new ArgumentNullException(nameof(plan));
        Approximations = approximations ?? throw new ArgumentNullException(nameof(approximations));
        _scope = scope ?? (_ => NoScope.Instance);
        _rootScope = rootScope ?? _scope;
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

    /// <summary>
    /// Products and conversions that broke the headroom rule with their resolved formats and real sizes, once each, in the
    /// order they were met (the compile-time check cannot see named precisions' formats or unknown shapes).
    /// </summary>
    public IReadOnlyList<HeadroomWarning> HeadroomWarnings => _warnings;

    /// <summary>The weights shared so far, each in the format it was shared in (a weight used in two formats is shared twice).</summary>
    public IEnumerable<(Tensor Weight, FixedPointFormat Format)> SharedWeights => _weights.Keys;

    /// <inheritdoc/>
    public Approximations Approximations { get; }

    /// <inheritdoc/>
    public int ClientId { get; }

    /// <inheritdoc/>
    public int WeightOwnerId { get; }

    /// <inheritdoc/>
    public FixedPointFormat Resolve(string precision) => Plan.Resolve(precision, _models.Current);

    /// <inheritdoc/>
    public IDisposable Scope(string name) => _models.Enter(name, _scope(name));

    /// <inheritdoc/>
    public int[] Announce(int[]? values, int owner)
    {
        using var _ = _scope(CostCategories.Input);
        return Engine.Announce(values, owner);
    }

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
            // Sharing a weight is a one-off of the session, charged to the top-level scope "weights", not to the layer
            // that happens to read it first.
            using (_rootScope("weights"))
            using (_scope(CostCategories.Input))
            {
                shared = Engine.Input(weight.HasData ? weight.Data : null, weight.Shape, format, WeightOwnerId);
            }

            _weights[(weight, format)] = shared;
        }

        return Wrap(shared, WeightOrigin);
    }

    /// <inheritdoc/>
    public Value Constant(Tensor values, FixedPointFormat format)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new PublicValue<TA>(values, format);
    }

    /// <inheritdoc/>
    public Tensor? Reveal(Value x, int? toParty)
    {
        using var _ = _scope(CostCategories.Output);
        return Engine.Reveal(A(x), toParty) is { } v ? new Tensor(v, x.Shape) : null;
    }

    /// <inheritdoc/>
    public Value Cast(Value x, FixedPointFormat format, int line = 0)
    {
        using var site = line > 0 && _site is { } at ? at(line) : NoScope.Instance;
        if (x.Format is { } from && from != format && Headroom.Conversion(from, format) is { } problem)
        {
            Warn("cast", problem);
        }

        // A truncation within a ring belongs to whatever produced the value (a product); a ring change is a conversion.
        var origin = Origin(x);
        var category = x.Format is { } f && f.RingBits != format.RingBits ? CostCategories.Conversion : origin;
        using var _ = _scope(category);
        return Wrap(Engine.Cast(A(x), format), origin);
    }

    /// <inheritdoc/>
    public Value Add(Value x, Value y) => Broadcast(x, y, Engine.Add, Origin(x));

    /// <inheritdoc/>
    public Value Subtract(Value x, Value y) => Broadcast(x, y, Engine.Subtract, Origin(x));

    /// <inheritdoc/>
    public Value Negate(Value x) => Wrap(Engine.Negate(A(x)), Origin(x));

    /// <inheritdoc/>
    public Value Multiply(Value x, Value y)
    {
        CheckProduct("multiply", x, y, 1);
        using var _ = _scope(CostCategories.Other);
        return (x, y) switch
        {
            (_, PublicValue<TA> c) => MultiplyPublic(x, c), // also two public values: no message either way
            (PublicValue<TA> c, _) => MultiplyPublic(y, c),
            _ => Broadcast(x, y, Engine.Multiply, CostCategories.Other),
        };
    }

    /// <inheritdoc/>
    public Value MatMul(Value x, Value y, bool transposeY)
    {
        CheckProduct("matmul", x, y, x.Shape[-1]);
        if (x is PrivateValue<TA> { Shared: null } p && y is not PrivateValue<TA>)
        {
            using var embedding = _scope(CostCategories.Embedding);
            return Wrap(Engine.MatMulPrivate(p.Values, p.Shape, p.FixedFormat, p.Owner, A(y), transposeY), CostCategories.Embedding);
        }

        var category = Origin(x) == WeightOrigin || Origin(y) == WeightOrigin ? CostCategories.Linear : CostCategories.Attention;
        using var _ = _scope(category);
        return Wrap(Engine.MatMul(A(x), A(y), false, transposeY), category);
    }

    /// <inheritdoc/>
    public Value AddConstant(Value x, double c) => Wrap(Engine.AddConstant(A(x), c), Origin(x));

    /// <inheritdoc/>
    public Value Scale(Value x, double c)
    {
        var origin = Origin(x);
        using var _ = _scope(origin == WeightOrigin ? CostCategories.Linear : origin);
        return Wrap(Functions.Scale(A(x), c), origin);
    }

    /// <inheritdoc/>
    public Value Reshape(Value x, int[] shape)
    {
        var s = new TensorShape(shape);
        if (s.Elements != x.Shape.Elements)
        {
            throw new ArgumentException($"Cannot reshape [{x.Shape}] ({x.Shape.Elements} elements) to [{s}] ({s.Elements} elements).");
        }

        return Wrap(Engine.Gather(A(x), s, Enumerable.Range(0, s.Elements).ToArray()), Origin(x));
    }

    /// <inheritdoc/>
    public Value Transpose(Value x, int[] axes) => Gather(x, TensorLayout.Transpose(x.Shape, axes));

    /// <inheritdoc/>
    public Value TransposeLast(Value x) => Gather(x, TensorLayout.TransposeLast(x.Shape));

    /// <inheritdoc/>
    public Value Slice(Value x, int axis, int start, int length) => Gather(x, TensorLayout.Slice(x.Shape, axis, start, length));

    /// <inheritdoc/>
    public Value Concat(int axis, Value[] parts) => Wrap(Engine.Concat([.. parts.Select(A)], axis), parts.Length > 0 ? Origin(parts[0]) : CostCategories.Other);

    /// <inheritdoc/>
    public Value SplitHeads(Value x, int heads) => Gather(x, TensorLayout.SplitHeads(x.Shape, heads));

    /// <inheritdoc/>
    public Value MergeHeads(Value x) => Gather(x, TensorLayout.MergeHeads(x.Shape));

    /// <inheritdoc/>
    public Value Exp(Value x) => Function(CostCategories.Other, () => Functions.Exp(A(x)));

    /// <inheritdoc/>
    public Value Sigmoid(Value x) => Function(CostCategories.Other, () => Functions.Sigmoid(A(x)));

    /// <inheritdoc/>
    public Value Tanh(Value x) => Function(CostCategories.Other, () => Functions.Tanh(A(x)));

    /// <inheritdoc/>
    public Value Silu(Value x) => Function(CostCategories.Silu, () =>
    {
        var input = A(x);
        if (Approximations.SiluFor(_pins.Contains("Silu")) != SiluApproximation.Piecewise)
        {
            return Functions.Silu(input);
        }

        // The polynomial's precision may differ from the input's (Ditto: up to the 64-bit ring and back).
        var format = Engine.FormatOf(input);
        var inside = Approximations.SiluPrecision is { } p ? Plan[p] : format;
        return Engine.Cast(Functions.SiluPiecewise(Engine.Cast(input, inside)), format);
    });

    /// <inheritdoc/>
    public Value Reciprocal(Value x) => Function(CostCategories.Other, () => Functions.Reciprocal(A(x), Approximations.ReciprocalIterations));

    /// <inheritdoc/>
    public Value Rsqrt(Value x) => Function(CostCategories.Other, () => Functions.Rsqrt(A(x)));

    /// <inheritdoc/>
    public Value Sqrt(Value x) => Function(CostCategories.Other, () => Functions.Sqrt(A(x)));

    /// <inheritdoc/>
    public Value Relu(Value x) => Function(CostCategories.Other, () => Functions.Relu(A(x)));

    /// <inheritdoc/>
    public Value Gelu(Value x, GeluVariant variant)
    {
        var approximation = Approximations.GeluFor(variant, _pins.Contains("Gelu"));
        return Function(CostCategories.Gelu, () => approximation switch
        {
            GeluApproximation.Quad => Functions.GeluQuad(A(x)),
            GeluApproximation.Puma => Functions.GeluPuma(A(x)),
            GeluApproximation.Tanh => Functions.GeluTanh(A(x)),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), approximation, "Unknown GeLU approximation."),
        });
    }

    /// <inheritdoc/>
    public Value Softmax(Value x) => Function(CostCategories.Softmax, () => Functions.Softmax(A(x), SoftmaxApproximations("Softmax"), ExpFormat(), causal: false));

    /// <inheritdoc/>
    public Value CausalSoftmax(Value x) => Function(CostCategories.Softmax, () => Functions.Softmax(A(x), SoftmaxApproximations("CausalSoftmax"), ExpFormat(), causal: true));

    /// <inheritdoc/>
    public Value MaskedSoftmax(Value x, Tensor mask) => Function(CostCategories.Softmax, () => Functions.Softmax(A(x), SoftmaxApproximations("MaskedSoftmax"), ExpFormat(), causal: false, Ops.Visible(x.Shape, mask)));

    /// <inheritdoc/>
    public IDisposable Pin(params string[] ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        var added = ops.Where(_pins.Add).ToList();
        return new Unpin(_pins, added);
    }

    /// <inheritdoc/>
    public Value LayerNorm(Value x, Value gamma, Value beta, double eps) => Function(CostCategories.LayerNorm, () => Functions.LayerNorm(A(x), A(gamma), A(beta), eps));

    /// <inheritdoc/>
    public Value RmsNorm(Value x, Value gamma, double eps) => Function(CostCategories.LayerNorm, () => Functions.RmsNorm(A(x), A(gamma), eps));

    /// <inheritdoc/>
    public Value Max(Value x) => Function(CostCategories.Other, () => Functions.Max(A(x)));

    /// <inheritdoc/>
    public Value Mean(Value x, int axis) => Function(CostCategories.Other, () => Functions.Mean(A(x), axis));

    /// <inheritdoc/>
    public Value Sum(Value x, int axis) => Wrap(Functions.Sum(A(x), axis), Origin(x));

    /// <inheritdoc/>
    public Value Repeat(Value x, int axis, int times) => Gather(x, TensorLayout.Repeat(x.Shape, axis, times));

    private void CheckProduct(string operation, Value x, Value y, long inner)
    {
        if (x.Format is { } fx && y.Format is { } fy && Headroom.Product(fx, fy, inner) is { } problem)
        {
            Warn(operation, problem);
        }
    }

    private void Warn(string operation, string problem)
    {
        var warning = new HeadroomWarning(_models.Current, operation, problem);
        if (_warned.Add(warning))
        {
            _warnings.Add(warning);
        }
    }

    private Approximations SoftmaxApproximations(string op) =>
        _pins.Contains(op) ? Approximations with { Softmax = Approximations.SoftmaxFor(pinned: true) } : Approximations;

    private FixedPointFormat? ExpFormat() => Approximations.SoftmaxExpPrecision is { } p ? Plan[p] : null;

    private FixedPointValue<TA> Wrap(TA x, string category) => new(x, Engine.ShapeOf(x), Engine.FormatOf(x), category);

    private static string Origin(Value v) => v switch
    {
        FixedPointValue<TA> f => f.Category,
        PublicValue<TA> => WeightOrigin, // a product with a public matrix is a linear layer's
        _ => CostCategories.Input,
    };

    private Value Function(string category, Func<TA> compute)
    {
        using var _ = _scope(category);
        return Wrap(compute(), category);
    }

    private Value Gather(Value x, (TensorShape Shape, int[] Map) layout) => Wrap(Engine.Gather(A(x), layout.Shape, layout.Map), Origin(x));

    private Value Broadcast(Value x, Value y, Func<TA, TA, TA> op, string category)
    {
        var (a, b) = (A(x), A(y));
        if (x.Shape != y.Shape)
        {
            // NumPy broadcasting: each operand gathered to the common shape (local).
            var shape = TensorLayout.BroadcastShape(x.Shape, y.Shape);
            a = x.Shape == shape ? a : Engine.Gather(a, shape, TensorLayout.BroadcastMap(x.Shape, shape));
            b = y.Shape == shape ? b : Engine.Gather(b, shape, TensorLayout.BroadcastMap(y.Shape, shape));
        }

        return Wrap(op(a, b), category);
    }

    /// <summary>A secret times a public tensor, broadcast as <see cref="Multiply"/> does: local on every party.</summary>
    private Value MultiplyPublic(Value secret, PublicValue<TA> c)
    {
        var x = A(secret);
        var values = c.Values;
        if (secret.Shape != c.Shape)
        {
            var shape = TensorLayout.BroadcastShape(secret.Shape, c.Shape);
            x = secret.Shape == shape ? x : Engine.Gather(x, shape, TensorLayout.BroadcastMap(secret.Shape, shape));
            values = c.Shape == shape ? values : values.Gather((shape, TensorLayout.BroadcastMap(c.Shape, shape)));
        }

        return Wrap(Engine.MultiplyPublic(x, values.Data, c.FixedFormat), CostCategories.Other);
    }

    private TA A(Value v) => v switch
    {
        FixedPointValue<TA> f => f.Inner,
        PublicValue<TA> c => c.Encoded ??= Engine.Public(c.Values.Data, c.Shape, c.FixedFormat),
        PrivateValue<TA> p => p.Shared ??= ShareInput(p),
        _ => throw new ArgumentException($"The {Name} backend got a value of another backend ({v.GetType().Name})."),
    };

    private TA ShareInput(PrivateValue<TA> p)
    {
        using var _ = _scope(CostCategories.Input);
        return Engine.Input(p.Values, p.Shape, p.FixedFormat, p.Owner);
    }

    private sealed class WeightKeyComparer : IEqualityComparer<(Tensor Weight, FixedPointFormat Format)>
    {
        public bool Equals((Tensor Weight, FixedPointFormat Format) x, (Tensor Weight, FixedPointFormat Format) y) => ReferenceEquals(x.Weight, y.Weight) && x.Format == y.Format;

        public int GetHashCode((Tensor Weight, FixedPointFormat Format) obj) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Weight), obj.Format);
    }

    private sealed class Unpin(HashSet<string> pins, List<string> added) : IDisposable
    {
        public void Dispose()
        {
            foreach (var op in added)
            {
                pins.Remove(op);
            }

            added.Clear();
        }
    }
}
