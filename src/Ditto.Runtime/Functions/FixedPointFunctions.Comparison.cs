using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Functions;

/// <summary>Comparisons, select, ReLU and max, on the boolean primitives.</summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    /// <summary>[x &lt; y] (one MSB of x − y; needs |x − y| &lt; 2^(k−1), which |x|, |y| &lt; 2^(k−2) from the encoding guarantees).</summary>
    public TB Less(TA x, TA y) => Engine.Msb(Engine.Subtract(x, y));

    /// <summary>[x &gt; y].</summary>
    public TB Greater(TA x, TA y) => Less(y, x);

    /// <summary>[x = y] (a zero test, cheaper than two comparisons).</summary>
    public TB Equal(TA x, TA y) => Engine.Equal(x, y);

    /// <summary>b ? x : y, as y + b·(x − y) (one multiply-by-bit).</summary>
    public TA Select(TB b, TA x, TA y) => Engine.Add(y, Engine.MultiplyBit(Engine.Subtract(x, y), b));

    /// <summary>max(x, 0) = x·[x ≥ 0]: one MSB and one multiply-by-bit (47.75 + 32 B, 8 rounds at k = 64).</summary>
    public TA Relu(TA x) => Engine.MultiplyBit(x, Engine.Not(Engine.Msb(x)));

    /// <summary>
    /// The maximum over the last axis, kept with size 1: a pairwise tree, ⌈log2 width⌉ levels, each one batched MSB and one
    /// batched multiply-by-bit over all rows.
    /// </summary>
    public TA Max(TA x)
    {
        var shape = Engine.ShapeOf(x);
        var width = shape[-1];
        var rows = shape.Elements / width;
        var starts = new int[rows];
        var lengths = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            starts[r] = r * width;
            lengths[r] = width;
        }

        var max = MaxRows(x, starts, lengths);
        return Engine.Gather(max, new TensorShape([.. shape.Dimensions[..^1], 1]), Identity(rows));
    }

    /// <summary>
    /// The maximum of each row of a flattened tensor, where row r is elements [starts[r], starts[r] + lengths[r]) (rows may
    /// differ in length, as the visible keys of a causal softmax do). Returns a vector with one element per row.
    /// </summary>
    internal TA MaxRows(TA x, int[] starts, int[] lengths)
    {
        var rows = starts.Length;
        var total = Engine.ShapeOf(x).Elements;
        var values = Engine.Gather(x, TensorShape.Vector(total), Identity(total));
        var s = (int[])starts.Clone();
        var l = (int[])lengths.Clone();
        if (l.Any(v => v < 1))
        {
            throw new ArgumentException("max: every row needs at least one element.", nameof(lengths));
        }

        while (l.Any(v => v > 1))
        {
            var left = new List<int>();
            var right = new List<int>();
            for (var r = 0; r < rows; r++)
            {
                for (var j = 0; j + 1 < l[r]; j += 2)
                {
                    left.Add(s[r] + j);
                    right.Add(s[r] + j + 1);
                }
            }

            var pairs = TensorShape.Vector(left.Count);
            var a = Engine.Gather(values, pairs, [.. left]);
            var b = Engine.Gather(values, pairs, [.. right]);
            var d = Engine.Subtract(a, b);
            var larger = Engine.Subtract(a, Engine.MultiplyBit(d, Engine.Msb(d)));

            // The next level: each row's pair maxima, then its unpaired last element (taken from the old values). When no
            // row has an unpaired element the pair maxima are already in row order.
            if (l.All(v => v % 2 == 0))
            {
                var start = 0;
                for (var r = 0; r < rows; r++)
                {
                    s[r] = start;
                    l[r] /= 2;
                    start += l[r];
                }

                values = larger;
                continue;
            }

            var leftovers = Enumerable.Range(0, rows).Where(r => l[r] % 2 == 1).Select(r => s[r] + l[r] - 1).ToArray();
            var joined = Engine.Concat([larger, Engine.Gather(values, TensorShape.Vector(leftovers.Length), leftovers)], 0);
            var map = new List<int>();
            var pair = 0;
            var leftover = left.Count;
            for (var r = 0; r < rows; r++)
            {
                var start = map.Count;
                var count = l[r] / 2;
                for (var j = 0; j < count; j++)
                {
                    map.Add(pair++);
                }

                if (l[r] % 2 == 1)
                {
                    map.Add(leftover++);
                }

                s[r] = start;
                l[r] = map.Count - start;
            }

            values = Engine.Gather(joined, TensorShape.Vector(map.Count), [.. map]);
        }

        var result = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            result[r] = s[r];
        }

        return Engine.Gather(values, TensorShape.Vector(rows), result);
    }

    /// <summary>max(x, c) for a public c: x + [x &lt; c]·(c − x).</summary>
    private TA ClampBelow(TA x, double c)
    {
        var format = Engine.FormatOf(x);
        var below = Engine.LessThan(x, [FixedPointCodec.EncodeSigned(c, format)]);
        var gap = Engine.AddConstant(Engine.Negate(x), c);
        return Engine.Add(x, Engine.MultiplyBit(gap, Engine.GatherBits(below, Engine.ShapeOf(x), Identity(Engine.ShapeOf(x).Elements))));
    }
}
