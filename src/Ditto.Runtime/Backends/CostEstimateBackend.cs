using Ditto.Runtime.Engines.Cost;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Kernels;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Backends;

/// <summary>
/// A backend that computes nothing: its values carry only a shape and a format, and every operation adds its cost
/// (<see cref="CostFormulas"/>) to an estimate, attributed to the current scope. Non-linear functions run the function
/// library itself on a <see cref="CostEngine"/>, so they cost what their protocols send. Running a generated twin on it
/// prices the model for given shapes without weights or inputs (placeholder weights are enough). Bytes are exact for the
/// default cast options; rounds are summed in program order (an upper bound on the critical path).
/// </summary>
public sealed class CostEstimateBackend : IBackend
{
    private readonly Dictionary<(string Scope, string Operation), (long Calls, double Bytes, long Rounds)> _rows = [];
    private readonly List<(string Scope, string Operation)> _order = [];
    private readonly HashSet<(Tensor Weight, FixedPointFormat Format)> _sharedWeights = new(new WeightComparer());
    private readonly Stack<string> _scopes = new();

    /// <summary>An estimator under a plan and approximations.</summary>
    public CostEstimateBackend(PrecisionPlan plan, Approximations? approximations = null, int clientId = 0, int weightOwnerId = 1)
    {
        Plan = plan ?? throw new ArgumentNullException(nameof(plan));
        Approximations = approximations ?? new Approximations();
        ClientId = clientId;
        WeightOwnerId = weightOwnerId;
    }

    /// <inheritdoc/>
    public string Name => "estimate";

    /// <inheritdoc/>
    public PrecisionPlan Plan { get; }

    /// <inheritdoc/>
    public Approximations Approximations { get; }

    /// <inheritdoc/>
    public int ClientId { get; }

    /// <inheritdoc/>
    public int WeightOwnerId { get; }

    /// <summary>The estimate so far.</summary>
    public CostEstimate Estimate => new([.. _order.Select(k => new CostEstimateRow(k.Scope, k.Operation, _rows[k].Calls, (long)Math.Ceiling(_rows[k].Bytes), _rows[k].Rounds))]);

    private string CurrentScope => _scopes.Count == 0 ? string.Empty : _scopes.Peek();

    /// <inheritdoc/>
    public FixedPointFormat Resolve(string precision) => Plan[precision];

    /// <inheritdoc/>
    public IDisposable Scope(string name)
    {
        _scopes.Push(_scopes.Count == 0 ? name : _scopes.Peek() + "/" + name);
        return new PopScope(_scopes);
    }

    /// <summary>
    /// Bytes of one copy of every weight shared so far, each in the ring of its format: a party of the replicated engine
    /// holds two shares of each, so two such copies (three parties in one process hold six).
    /// </summary>
    public long WeightShareBytes => _sharedWeights.Sum(w => (long)w.Weight.Shape.Elements * (w.Format.RingBits / 8));

    /// <summary>Elements of the distinct weight tensors shared so far (their float size is four bytes each).</summary>
    public long WeightElements => _sharedWeights.Select(w => w.Weight).Distinct().Sum(w => (long)w.Shape.Elements);

    /// <inheritdoc/>
    public int[] Announce(int[]? values, int owner) => values ?? throw new ArgumentNullException(nameof(values), $"the estimate needs the public values of party {owner}");

    /// <inheritdoc/>
    public Value Input(Tensor? values, TensorShape shape, FixedPointFormat format, int owner)
    {
        // Like the fixed-point backend, an input stays private until first use: its sharing is charged then, unless it is
        // the left operand of a product with a shared value, which has its own protocol.
        return new EstimateValue(shape, format) { PendingInput = true };
    }

    /// <inheritdoc/>
    public Value Weight(Tensor weight, FixedPointFormat format)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (_sharedWeights.Add((weight, format)))
        {
            _scopes.Push("weights");
            Add("Input", CostFormulas.Input(format.RingBits).Times(weight.Shape.Elements));
            _scopes.Pop();
        }

        return new EstimateValue(weight.Shape, format);
    }

    /// <inheritdoc/>
    public Value Constant(Tensor values, FixedPointFormat format) => new EstimateValue(values.Shape, format);

    /// <inheritdoc/>
    public Tensor? Reveal(Value x, int? toParty)
    {
        var v = E(x);
        Add("Reveal", CostFormulas.Open(v.Ring, toParty is null).Times(v.Shape.Elements));
        return null;
    }

    /// <inheritdoc/>
    public Value Cast(Value x, FixedPointFormat format)
    {
        var v = E(x);
        if (v.Ring == format.RingBits && v.Fraction == format.FractionBits)
        {
            return x;
        }

        Add("Cast", CostFormulas.Cast(v.Ring, v.Fraction, format, v.Shape.Elements));
        return new EstimateValue(v.Shape, format);
    }

    /// <inheritdoc/>
    public Value Add(Value x, Value y) => Elementwise(x, y, null);

    /// <inheritdoc/>
    public Value Subtract(Value x, Value y) => Elementwise(x, y, null);

    /// <inheritdoc/>
    public Value Negate(Value x) => x;

    /// <inheritdoc/>
    public Value Multiply(Value x, Value y) => Elementwise(x, y, "Multiply");

    /// <inheritdoc/>
    public Value MatMul(Value x, Value y, bool transposeY)
    {
        if (x is EstimateValue { PendingInput: true } p && y is not EstimateValue { PendingInput: true })
        {
            var shared = E(y);
            var (_, privateShape) = MatMulShapes.Resolve(p.Shape, shared.Shape, transposeY: transposeY);
            Add("MatMulPrivate", CostFormulas.PrivateMatMul(p.Ring, p.Shape.Elements, privateShape.Elements));
            return new EstimateValue(privateShape, p.Ring, p.Fraction + shared.Fraction);
        }

        var (a, b) = (E(x), E(y));
        var (_, shape) = MatMulShapes.Resolve(a.Shape, b.Shape, transposeY: transposeY);
        Add("MatMul", CostFormulas.Multiply(a.Ring).Times(shape.Elements));
        return new EstimateValue(shape, a.Ring, a.Fraction + b.Fraction);
    }

    /// <inheritdoc/>
    public Value AddConstant(Value x, double c) => x;

    /// <inheritdoc/>
    public Value Scale(Value x, double c)
    {
        return Library(x, "Scale", (f, t) => f.Scale(t, c));
    }

    /// <inheritdoc/>
    public Value Reshape(Value x, int[] shape)
    {
        var s = new TensorShape(shape);
        if (s.Elements != x.Shape.Elements)
        {
            throw new ArgumentException($"Cannot reshape [{x.Shape}] ({x.Shape.Elements} elements) to [{s}] ({s.Elements} elements).");
        }

        return E(x).With(s);
    }

    /// <inheritdoc/>
    public Value Transpose(Value x, int[] axes) => E(x).With(TensorLayout.Transpose(x.Shape, axes).Shape);

    /// <inheritdoc/>
    public Value TransposeLast(Value x) => E(x).With(TensorLayout.TransposeLast(x.Shape).Shape);

    /// <inheritdoc/>
    public Value Slice(Value x, int axis, int start, int length) => E(x).With(TensorLayout.Slice(x.Shape, axis, start, length).Shape);

    /// <inheritdoc/>
    public Value Concat(int axis, Value[] parts)
    {
        var first = E(parts[0]);
        return first.With(TensorLayout.Concat([.. parts.Select(p => p.Shape)], axis).Shape);
    }

    /// <inheritdoc/>
    public Value SplitHeads(Value x, int heads) => E(x).With(TensorLayout.SplitHeads(x.Shape, heads).Shape);

    /// <inheritdoc/>
    public Value MergeHeads(Value x) => E(x).With(TensorLayout.MergeHeads(x.Shape).Shape);

    /// <inheritdoc/>
    public Value Exp(Value x) => Library(x, "Exp", (f, t) => f.Exp(t, Approximations.ExpIterations));

    /// <inheritdoc/>
    public Value Reciprocal(Value x) => Library(x, "Reciprocal", (f, t) => f.Reciprocal(t, Approximations.ReciprocalIterations));

    /// <inheritdoc/>
    public Value Rsqrt(Value x) => Library(x, "Rsqrt", (f, t) => f.Rsqrt(t));

    /// <inheritdoc/>
    public Value Sqrt(Value x) => Library(x, "Sqrt", (f, t) => f.Sqrt(t));

    /// <inheritdoc/>
    public Value Relu(Value x) => Library(x, "Relu", (f, t) => f.Relu(t));

    /// <inheritdoc/>
    public Value Gelu(Value x, GeluVariant variant)
    {
        var approximation = variant == GeluVariant.Quad ? GeluApproximation.Quad : Approximations.Gelu;
        return Library(x, "Gelu", (f, t) => approximation switch
        {
            GeluApproximation.Quad => f.GeluQuad(t),
            GeluApproximation.Puma => f.GeluPuma(t),
            GeluApproximation.Tanh => f.GeluTanh(t),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), approximation, "Unknown GeLU approximation."),
        });
    }

    /// <inheritdoc/>
    public Value Softmax(Value x) => Library(x, "Softmax", (f, t) => f.Softmax(t, Approximations, ExpFormat(), causal: false));

    /// <inheritdoc/>
    public Value CausalSoftmax(Value x) => Library(x, "CausalSoftmax", (f, t) => f.Softmax(t, Approximations, ExpFormat(), causal: true));

    /// <inheritdoc/>
    public Value LayerNorm(Value x, Value gamma, Value beta, double eps)
    {
        var (g, b) = (E(gamma), E(beta));
        return Library(x, "LayerNorm", (f, t) => f.LayerNorm(t, new CostTensor(g.Shape, g.Fixed), new CostTensor(b.Shape, b.Fixed), eps));
    }

    /// <inheritdoc/>
    public Value Max(Value x) => Library(x, "Max", (f, t) => f.Max(t));

    /// <inheritdoc/>
    public Value Mean(Value x, int axis) => Library(x, "Mean", (f, t) => f.Mean(t, axis));

    private FixedPointFormat? ExpFormat() => Approximations.SoftmaxExpPrecision is { } p ? Plan[p] : null;

    /// <summary>
    /// Runs the function library on a <see cref="CostEngine"/> for x's shape and format and charges what its protocols send
    /// (exact bytes; rounds summed in program order), so a function costs what the three-party engine measures.
    /// </summary>
    private Value Library(Value x, string name, Func<FixedPointFunctions<CostTensor, CostBits>, CostTensor, CostTensor> run)
    {
        var v = E(x);
        var engine = new CostEngine();
        var result = run(new FixedPointFunctions<CostTensor, CostBits>(engine), new CostTensor(v.Shape, v.Fixed));
        Add(name, engine.Total);
        return new EstimateValue(result.Shape, result.Format);
    }

    private Value Elementwise(Value x, Value y, string? multiply)
    {
        var (a, b) = (E(x), E(y));
        TensorShape shape;
        if (a.Shape == b.Shape || TensorLayout.IsSuffix(b.Shape, a.Shape))
        {
            shape = a.Shape;
        }
        else if (TensorLayout.IsSuffix(a.Shape, b.Shape))
        {
            shape = b.Shape;
        }
        else
        {
            throw new ArgumentException($"[{a.Shape}] and [{b.Shape}]: shapes must be equal, or one must equal the other's trailing dimensions.");
        }

        if (a.Ring != b.Ring || (multiply is null && a.Fraction != b.Fraction))
        {
            throw new ArgumentException($"{multiply ?? "add"}: the operands have different formats (fxp{a.Ring}.{a.Fraction} and fxp{b.Ring}.{b.Fraction}).");
        }

        if (multiply is null)
        {
            return new EstimateValue(shape, a.Ring, a.Fraction);
        }

        Add(multiply, CostFormulas.Multiply(a.Ring).Times(shape.Elements));
        return new EstimateValue(shape, a.Ring, a.Fraction + b.Fraction);
    }

    private void Add(string operation, Cost cost)
    {
        var key = (CurrentScope, operation);
        if (!_rows.TryGetValue(key, out var row))
        {
            _order.Add(key);
        }

        _rows[key] = (row.Calls + 1, row.Bytes + cost.Bytes, row.Rounds + cost.Rounds);
    }

    private EstimateValue E(Value v)
    {
        var e = v as EstimateValue ?? throw new ArgumentException($"The estimate backend got a value of another backend ({v.GetType().Name}).");
        if (e.PendingInput)
        {
            e.PendingInput = false;
            Add("Input", CostFormulas.Input(e.Ring).Times(e.Shape.Elements));
        }

        return e;
    }

    /// <summary>A value of the estimate backend: a shape and a format (fraction bits may exceed a format's range before truncation).</summary>
    private sealed class EstimateValue(TensorShape shape, int ring, int fraction) : Value
    {
        public EstimateValue(TensorShape shape, FixedPointFormat format)
            : this(shape, format.RingBits, format.FractionBits)
        {
        }

        public override TensorShape Shape { get; } = shape;

        public int Ring { get; } = ring;

        public int Fraction { get; } = fraction;

        /// <summary>A private input whose sharing has not been charged yet.</summary>
        public bool PendingInput { get; set; }

        public override FixedPointFormat? Format => Fraction <= Ring - 2 ? new FixedPointFormat(Ring, Fraction) : null;

        /// <summary>The format for cost formulas (a product with too many fraction bits is clamped to its ring's limit).</summary>
        public FixedPointFormat Fixed => new(Ring, Math.Min(Fraction, Ring - 2));

        public EstimateValue With(TensorShape s) => new(s, Ring, Fraction);
    }

    private sealed class PopScope(Stack<string> scopes) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                scopes.Pop();
            }
        }
    }

    private sealed class WeightComparer : IEqualityComparer<(Tensor Weight, FixedPointFormat Format)>
    {
        public bool Equals((Tensor Weight, FixedPointFormat Format) x, (Tensor Weight, FixedPointFormat Format) y) => ReferenceEquals(x.Weight, y.Weight) && x.Format == y.Format;

        public int GetHashCode((Tensor Weight, FixedPointFormat Format) obj) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Weight), obj.Format);
    }
}
