namespace Ditto.Runtime.Tensors;

/// <summary>
/// Shape operations as gather maps: for each element of the result, the index of the source element. Every backend
/// (float, clear fixed point, secret shares) applies the same map, so reshapes, transposes, slices and head splits mean
/// the same everywhere and cost nothing in MPC (each party permutes its own shares).
/// </summary>
public static class TensorLayout
{
    /// <summary>The shape of a permutation of the axes, and its gather map.</summary>
    public static (TensorShape Shape, int[] Map) Transpose(TensorShape shape, IReadOnlyList<int> axes)
    {
        var rank = shape.Rank;
        if (axes.Count != rank || axes.Distinct().Count() != rank || axes.Any(a => a < 0 || a >= rank))
        {
            throw new ArgumentException($"Transpose of [{shape}] needs a permutation of 0..{rank - 1}, not ({string.Join(", ", axes)}).");
        }

        var dims = shape.ToArray();
        var outDims = axes.Select(a => dims[a]).ToArray();
        var inStrides = Strides(dims);
        var map = new int[shape.Elements];
        var index = new int[rank];
        for (var o = 0; o < map.Length; o++)
        {
            var src = 0;
            for (var d = 0; d < rank; d++)
            {
                src += index[d] * inStrides[axes[d]];
            }

            map[o] = src;
            for (var d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < outDims[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }

        return (new TensorShape(outDims), map);
    }

    /// <summary>Swaps the last two axes.</summary>
    public static (TensorShape Shape, int[] Map) TransposeLast(TensorShape shape)
    {
        if (shape.Rank < 2)
        {
            throw new ArgumentException($"TransposeLast needs at least 2 dimensions, not [{shape}].");
        }

        var axes = Enumerable.Range(0, shape.Rank).ToArray();
        (axes[^1], axes[^2]) = (axes[^2], axes[^1]);
        return Transpose(shape, axes);
    }

    /// <summary>
    /// Each slice along <paramref name="axis"/> repeated <paramref name="times"/> times in place (torch's
    /// repeat_interleave; on a size-1 axis, expand): [2, 3] repeated twice on axis 0 is rows 0, 0, 1, 1.
    /// </summary>
    public static (TensorShape Shape, int[] Map) Repeat(TensorShape shape, int axis, int times)
    {
        axis = Axis(shape, axis);
        if (times <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(times), times, $"Repeat needs a positive count to repeat axis {axis} of [{shape}].");
        }

        var dims = shape.ToArray();
        var outer = dims[..axis].Aggregate(1, (a, b) => a * b);
        var inner = dims[(axis + 1)..].Aggregate(1, (a, b) => a * b);
        var outDims = (int[])dims.Clone();
        outDims[axis] = dims[axis] * times;
        var map = new int[outer * outDims[axis] * inner];
        var o = 0;
        for (var a = 0; a < outer; a++)
        {
            for (var s = 0; s < dims[axis]; s++)
            {
                for (var r = 0; r < times; r++)
                {
                    var src = ((a * dims[axis]) + s) * inner;
                    for (var i = 0; i < inner; i++)
                    {
                        map[o++] = src + i;
                    }
                }
            }
        }

        return (new TensorShape(outDims), map);
    }

    /// <summary>Elements [start, start + length) along one axis.</summary>
    public static (TensorShape Shape, int[] Map) Slice(TensorShape shape, int axis, int start, int length)
    {
        axis = Axis(shape, axis);
        if (start < 0 || length <= 0 || start + length > shape[axis])
        {
            throw new ArgumentException($"Slice [{start}, {start + length}) is outside axis {axis} of [{shape}] (size {shape[axis]}).");
        }

        var dims = shape.ToArray();
        var outer = dims[..axis].Aggregate(1, (a, b) => a * b);
        var inner = dims[(axis + 1)..].Aggregate(1, (a, b) => a * b);
        var outDims = (int[])dims.Clone();
        outDims[axis] = length;
        var map = new int[outer * length * inner];
        var o = 0;
        for (var a = 0; a < outer; a++)
        {
            for (var s = 0; s < length; s++)
            {
                var src = ((a * dims[axis]) + start + s) * inner;
                for (var i = 0; i < inner; i++)
                {
                    map[o++] = src + i;
                }
            }
        }

        return (new TensorShape(outDims), map);
    }

    /// <summary>
    /// Concatenation along one axis: the result shape, and for each result element the part it comes from and its
    /// index in that part.
    /// </summary>
    public static (TensorShape Shape, int[] Part, int[] Map) Concat(IReadOnlyList<TensorShape> shapes, int axis)
    {
        if (shapes.Count == 0)
        {
            throw new ArgumentException("Concat needs at least one tensor.");
        }

        var first = shapes[0];
        axis = Axis(first, axis);
        foreach (var s in shapes)
        {
            if (s.Rank != first.Rank || Enumerable.Range(0, s.Rank).Any(d => d != axis && s[d] != first[d]))
            {
                throw new ArgumentException($"Concat along axis {axis} needs equal other dimensions; got [{string.Join("], [", shapes)}].");
            }
        }

        var dims = first.ToArray();
        var outer = dims[..axis].Aggregate(1, (a, b) => a * b);
        var inner = dims[(axis + 1)..].Aggregate(1, (a, b) => a * b);
        var total = shapes.Sum(s => s[axis]);
        var outDims = (int[])dims.Clone();
        outDims[axis] = total;
        var part = new int[outer * total * inner];
        var map = new int[part.Length];
        var o = 0;
        for (var a = 0; a < outer; a++)
        {
            for (var p = 0; p < shapes.Count; p++)
            {
                var size = shapes[p][axis];
                for (var s = 0; s < size; s++)
                {
                    var src = ((a * size) + s) * inner;
                    for (var i = 0; i < inner; i++)
                    {
                        part[o] = p;
                        map[o++] = src + i;
                    }
                }
            }
        }

        return (new TensorShape(outDims), part, map);
    }

    /// <summary>[..., S, H·D] → [..., H, S, D]: split the last axis into heads and move the head axis before the sequence.</summary>
    public static (TensorShape Shape, int[] Map) SplitHeads(TensorShape shape, int heads)
    {
        if (shape.Rank < 2 || heads <= 0 || shape[-1] % heads != 0)
        {
            throw new ArgumentException($"SplitHeads({heads}) needs [..., sequence, width] with width divisible by the heads; got [{shape}].");
        }

        var dims = shape.ToArray();
        var lead = dims[..^2];
        var split = new TensorShape([.. lead, dims[^2], heads, dims[^1] / heads]);
        var r = lead.Length;
        var axes = Enumerable.Range(0, r).Concat([r + 1, r, r + 2]).ToArray();
        return Transpose(split, axes);
    }

    /// <summary>[..., H, S, D] → [..., S, H·D]: the inverse of <see cref="SplitHeads"/>.</summary>
    public static (TensorShape Shape, int[] Map) MergeHeads(TensorShape shape)
    {
        if (shape.Rank < 3)
        {
            throw new ArgumentException($"MergeHeads needs [..., heads, sequence, width]; got [{shape}].");
        }

        var r = shape.Rank - 3;
        var axes = Enumerable.Range(0, r).Concat([r + 1, r, r + 2]).ToArray();
        var (moved, map) = Transpose(shape, axes);
        var dims = moved.ToArray();
        return (new TensorShape([.. dims[..^2], dims[^2] * dims[^1]]), map);
    }

    /// <summary>The gather map that broadcasts <paramref name="source"/> to <paramref name="target"/> (NumPy rules; a suffix repeats over the leading dimensions).</summary>
    public static int[] BroadcastMap(TensorShape source, TensorShape target)
    {
        var map = new int[target.Elements];
        if (IsSuffix(source, target))
        {
            for (var i = 0; i < map.Length; i++)
            {
                map[i] = i % source.Elements;
            }

            return map;
        }

        // NumPy's rule, aligned on the right: a missing or size-1 source dimension repeats (stride 0).
        var offset = target.Rank - source.Rank;
        if (offset < 0 || Enumerable.Range(0, source.Rank).Any(d => source[d] != 1 && source[d] != target[d + offset]))
        {
            throw new ArgumentException($"[{source}] cannot broadcast to [{target}]: aligned on the right, each dimension must equal the target's or be 1.");
        }

        var sourceStrides = Strides(source.ToArray());
        var targetDims = target.ToArray();
        var strides = new int[target.Rank];
        for (var d = 0; d < source.Rank; d++)
        {
            strides[d + offset] = source[d] == 1 ? 0 : sourceStrides[d];
        }

        for (var i = 0; i < map.Length; i++)
        {
            var rest = i;
            var index = 0;
            for (var d = target.Rank - 1; d >= 0; d--)
            {
                index += (rest % targetDims[d]) * strides[d];
                rest /= targetDims[d];
            }

            map[i] = index;
        }

        return map;
    }

    /// <summary>
    /// The shape two operands broadcast to under NumPy's rule: aligned on the right, each pair of dimensions equal or one of
    /// them 1 (a missing leading dimension counts as 1); throws naming both shapes otherwise.
    /// </summary>
    public static TensorShape BroadcastShape(TensorShape a, TensorShape b)
    {
        if (a == b)
        {
            return a;
        }

        var rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (var d = 0; d < rank; d++)
        {
            var x = d - (rank - a.Rank) is var i && i >= 0 ? a[i] : 1;
            var y = d - (rank - b.Rank) is var j && j >= 0 ? b[j] : 1;
            if (x != y && x != 1 && y != 1)
            {
                throw new ArgumentException($"[{a}] and [{b}] do not broadcast: aligned on the right, dimension {d} is {x} and {y} (each pair must be equal or one of them 1).");
            }

            dims[d] = Math.Max(x, y);
        }

        return new TensorShape(dims);
    }

    /// <summary>True when <paramref name="suffix"/> equals the trailing dimensions of <paramref name="shape"/>.</summary>
    public static bool IsSuffix(TensorShape suffix, TensorShape shape) =>
        suffix.Rank <= shape.Rank && shape.Dimensions[(shape.Rank - suffix.Rank)..].SequenceEqual(suffix.Dimensions);

    /// <summary>Normalises a possibly negative axis, or throws naming the shape.</summary>
    public static int Axis(TensorShape shape, int axis)
    {
        var a = axis < 0 ? shape.Rank + axis : axis;
        if (a < 0 || a >= shape.Rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"Axis {axis} does not exist in [{shape}].");
        }

        return a;
    }

    private static int[] Strides(int[] dims)
    {
        var strides = new int[dims.Length];
        var s = 1;
        for (var d = dims.Length - 1; d >= 0; d--)
        {
            strides[d] = s;
            s *= dims[d];
        }

        return strides;
    }
}
