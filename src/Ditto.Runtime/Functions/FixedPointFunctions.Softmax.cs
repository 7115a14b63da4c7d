using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Functions;

/// <summary>Softmax over the last axis: exact (PUMA/Ditto), 2Quad and 2ReLU (MPCFormer), each optionally causal.</summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    /// <summary>MPCFormer's 2Quad shift: (x + 5)².</summary>
    public const double TwoQuadShift = 5;

    /// <summary>
    /// Softmax over the last axis. With <paramref name="causal"/> (shape [..., queries, keys]) query i sees keys
    /// j ≤ i + (keys − queries) (see <see cref="Ops.CausalSoftmax"/>); the mask is public, so hidden positions are simply left
    /// out of every protocol and come back as exact zeros; so are the positions a public <paramref name="visible"/> mask
    /// hides (one flag per element of x, each row keeping at least one). With <paramref name="expFormat"/> (Ditto) the max and the
    /// subtraction run in the input's format, and exp, the row sums, the reciprocal and the product run in expFormat
    /// (reached with <see cref="IFixedPointEngine{TA, TB}.Cast"/>); the result is cast back to the input's format.
    /// Exact: row max (pairwise tree), x − max clamped below at −14 (one comparison and one multiply-by-bit; PUMA masks
    /// there), exp, row sums, ONE reciprocal per row (range [1/2, width], by a comparison ladder), and a product.
    /// 2Quad: (x + 5)² and 2ReLU: ReLU(x), each over its row sum (a row whose sum is 0 gives zeros).
    /// </summary>
    public TA Softmax(TA x, Approximations approximations, FixedPointFormat? expFormat, bool causal, bool[]? visible = null)
    {
        ArgumentNullException.ThrowIfNull(approximations);
        var inputFormat = Engine.FormatOf(x);
        var shape = Engine.ShapeOf(x);
        var layout = SoftmaxLayout.Of(shape, causal, visible);
        var v = Engine.Gather(x, TensorShape.Vector(layout.Visible), layout.Compact);
        TA numerator;
        int eMin, eMax, resultFraction;
        switch (approximations.Softmax)
        {
            case SoftmaxApproximation.Exact:
                var max = MaxRows(v, layout.Starts, layout.Lengths);
                var shifted = Engine.Subtract(v, Engine.Gather(max, TensorShape.Vector(layout.Visible), layout.RowOf));
                var clamped = ClampBelow(shifted, ExpClampBound(approximations.ExpIterations));
                numerator = ExpCore(expFormat is { } ef ? Engine.Cast(clamped, ef) : clamped, approximations.ExpIterations);
                (eMin, eMax) = (-1, (int)Math.Ceiling(Math.Log2(layout.Lengths.Max())));
                resultFraction = Math.Min(Engine.FormatOf(numerator).RingBits - 3 - Engine.FormatOf(numerator).FractionBits, Engine.FormatOf(numerator).FractionBits + 12);
                break;
            case SoftmaxApproximation.TwoQuad:
                var plus = Engine.AddConstant(v, TwoQuadShift);
                plus = expFormat is { } qf ? Engine.Cast(plus, qf) : plus;
                var f = Engine.FormatOf(plus).FractionBits;
                numerator = MultiplyShift(plus, plus, f, f);
                (eMin, eMax, resultFraction) = SumRange(numerator);
                break;
            case SoftmaxApproximation.TwoRelu:
                var relu = Relu(v);
                numerator = expFormat is { } rf ? Engine.Cast(relu, rf) : relu;
                (eMin, eMax, resultFraction) = SumRange(numerator);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(approximations), approximations.Softmax, "Unknown softmax approximation.");
        }

        var sums = Engine.Gather(Engine.SumLastAxis(Scatter(numerator, layout)), TensorShape.Vector(layout.Rows), Identity(layout.Rows));
        var reciprocal = ReciprocalCore(sums, eMin, eMax, signed: false, approximations.ReciprocalIterations, resultFraction);
        var fe = Engine.FormatOf(numerator).FractionBits;
        var product = MultiplyShift(numerator, Engine.Gather(reciprocal, TensorShape.Vector(layout.Visible), layout.RowOf), resultFraction, fe);

        // Back to the input's format before the hidden positions are filled in: a conversion of a hidden zero would
        // round to ±1 unit, a weight on a position the mask hides.
        return Scatter(expFormat is null ? product : Engine.Cast(product, inputFormat), layout);
    }

    /// <summary>Exponent range of a row sum of 2Quad or 2ReLU terms, and the reciprocal's fraction bits: sums below 1/4 count as 0.</summary>
    private (int EMin, int EMax, int ResultFraction) SumRange(TA numerator)
    {
        var format = Engine.FormatOf(numerator);
        return (-2, int.MaxValue, format.RingBits - 3 - format.FractionBits);
    }

    /// <summary>The compact visible values back in the full shape, hidden positions set to a public 0 (no messages).</summary>
    private TA Scatter(TA compact, SoftmaxLayout layout)
    {
        if (layout.Visible == layout.Shape.Elements)
        {
            return Engine.Gather(compact, layout.Shape, layout.Compact);
        }

        var zero = Engine.Public([0f], TensorShape.Vector(1), Engine.FormatOf(compact));
        return Engine.Gather(Engine.Concat([compact, zero], 0), layout.Shape, layout.Full);
    }

    /// <summary>Which positions of a [..., rows, width] tensor a (causal) softmax sees, as gather maps.</summary>
    private sealed record SoftmaxLayout(TensorShape Shape, int Rows, int Visible, int[] Starts, int[] Lengths, int[] Compact, int[] RowOf, int[] Full)
    {
        public static SoftmaxLayout Of(TensorShape shape, bool causal, bool[]? mask)
        {
            if (mask is not null && mask.Length != shape.Elements)
            {
                throw new ArgumentException($"softmax: the mask has {mask.Length} flags for [{shape}] ({shape.Elements} elements).", nameof(mask));
            }

            var width = shape[-1];
            var rows = shape.Elements / width;
            int queries = 0;
            if (causal)
            {
                if (shape.Rank < 2 || width < shape[-2])
                {
                    throw new ArgumentException($"causal softmax needs [..., queries, keys] with at least as many keys as queries; got [{shape}].");
                }

                queries = shape[-2];
            }

            var starts = new int[rows];
            var lengths = new int[rows];
            var compact = new List<int>(shape.Elements);
            var rowOf = new List<int>(shape.Elements);
            var full = new int[shape.Elements];
            for (var r = 0; r < rows; r++)
            {
                starts[r] = compact.Count;
                var seen = causal ? Ops.CausalVisible(r, queries, width) : width;
                for (var j = 0; j < width; j++)
                {
                    var keep = j < seen && (mask is null || mask[(r * width) + j]);
                    full[(r * width) + j] = keep ? compact.Count : -1;
                    if (keep)
                    {
                        compact.Add((r * width) + j);
                        rowOf.Add(r);
                    }
                }

                lengths[r] = compact.Count - starts[r];
                if (lengths[r] == 0)
                {
                    throw new ArgumentException($"softmax: row {r} of [{shape}] keeps no position.", nameof(mask));
                }
            }

            var visible = compact.Count;
            for (var i = 0; i < full.Length; i++)
            {
                full[i] = full[i] < 0 ? visible : full[i];
            }

            return new SoftmaxLayout(shape, rows, visible, starts, lengths, [.. compact], [.. rowOf], full);
        }
    }
}
