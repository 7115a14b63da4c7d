using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Functions;

/// <summary>
/// Fixed-point bookkeeping shared by the functions: moving a value between numbers of fraction bits, and batching
/// independent products and truncations into one protocol call each, so that independent work shares its rounds.
/// </summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    /// <summary>The format of x's ring with <paramref name="fractionBits"/> fraction bits.</summary>
    private FixedPointFormat Fmt(TA x, int fractionBits) => new(Engine.FormatOf(x).RingBits, fractionBits);

    /// <summary>
    /// Divides x's ring integer by 2^bits (floor, or floor + 1 in MPC) and labels the result with
    /// <paramref name="resultFraction"/> fraction bits: one truncation whatever the bookkeeping. bits may exceed x's own
    /// fraction bits (the label is free); the ring integer must stay below 2^(k−2) in magnitude.
    /// </summary>
    private TA ShiftDown(TA x, int bits, int resultFraction)
    {
        if (bits == 0)
        {
            return Engine.Relabel(x, Fmt(x, resultFraction));
        }

        if (bits < 0)
        {
            return Engine.Relabel(Engine.MultiplyInteger(x, 1L << -bits), Fmt(x, resultFraction));
        }

        return Engine.Relabel(Engine.Truncate(Engine.Relabel(x, Fmt(x, bits)), bits), Fmt(x, resultFraction));
    }

    /// <summary>x expressed with <paramref name="fractionBits"/> fraction bits: a local shift up, or a truncation down.</summary>
    private TA ToFraction(TA x, int fractionBits) => ShiftDown(x, Engine.FormatOf(x).FractionBits - fractionBits, fractionBits);

    /// <summary>
    /// ShiftDown for several values in as few truncation calls as there are distinct shift amounts (one call each).
    /// </summary>
    private TA[] ShiftDownAll(IReadOnlyList<(TA X, int Bits, int ResultFraction)> items)
    {
        var result = new TA[items.Count];
        foreach (var group in items.Select((item, index) => (item, index)).GroupBy(t => t.item.Bits))
        {
            var members = group.ToList();
            if (members.Count == 1)
            {
                var (x, bits, fraction) = members[0].item;
                result[members[0].index] = ShiftDown(x, bits, fraction);
                continue;
            }

            var joined = Flatten([.. members.Select(m => m.item.X)]);
            var shifted = ShiftDown(joined, group.Key, 0);
            var parts = Split(shifted, [.. members.Select(m => Engine.ShapeOf(m.item.X))]);
            for (var j = 0; j < members.Count; j++)
            {
                result[members[j].index] = Engine.Relabel(parts[j], Fmt(parts[j], members[j].item.ResultFraction));
            }
        }

        return result;
    }

    /// <summary>
    /// x·y with its ring integer divided by 2^bits and labelled <paramref name="resultFraction"/>: one fused
    /// multiply-and-truncate protocol (a plain product when nothing is removed).
    /// </summary>
    private TA MultiplyShift(TA x, TA y, int bits, int resultFraction) => bits <= 0
        ? ShiftDown(Engine.Multiply(x, y), bits, resultFraction)
        : Engine.MultiplyTruncate(x, y, bits, Fmt(x, resultFraction));

    /// <summary><see cref="MultiplyShift"/> for independent pairs, in one protocol call per distinct shift.</summary>
    private TA[] MultiplyShiftAll(IReadOnlyList<(TA X, TA Y, int Bits, int ResultFraction)> items)
    {
        var result = new TA[items.Count];
        foreach (var group in items.Select((item, index) => (item, index)).GroupBy(t => t.item.Bits))
        {
            var members = group.ToList();
            if (members.Count == 1)
            {
                var (x, y, bits, fraction) = members[0].item;
                result[members[0].index] = MultiplyShift(x, y, bits, fraction);
                continue;
            }

            var xs = Flatten([.. members.Select(m => m.item.X)]);
            var ys = Flatten([.. members.Select(m => m.item.Y)]);
            var joined = MultiplyShift(xs, ys, group.Key, 0);
            var parts = Split(joined, [.. members.Select(m => Engine.ShapeOf(m.item.X))]);
            for (var j = 0; j < members.Count; j++)
            {
                result[members[j].index] = Engine.Relabel(parts[j], Fmt(parts[j], members[j].item.ResultFraction));
            }
        }

        return result;
    }

    /// <summary>The values one after another as one vector (relabelled to a common format: only the ring matters).</summary>
    private TA Flatten(IReadOnlyList<TA> parts)
    {
        var format = Engine.FormatOf(parts[0]);
        var vectors = parts.Select(p =>
        {
            var shape = Engine.ShapeOf(p);
            var v = Engine.Gather(p, TensorShape.Vector(shape.Elements), Identity(shape.Elements));
            return Engine.Relabel(v, format);
        }).ToList();
        return vectors.Count == 1 ? vectors[0] : Engine.Concat(vectors, 0);
    }

    /// <summary>Cuts a vector into consecutive parts of the given shapes.</summary>
    private TA[] Split(TA joined, IReadOnlyList<TensorShape> shapes)
    {
        var result = new TA[shapes.Count];
        var offset = 0;
        for (var i = 0; i < shapes.Count; i++)
        {
            var n = shapes[i].Elements;
            var map = new int[n];
            for (var j = 0; j < n; j++)
            {
                map[j] = offset + j;
            }

            result[i] = Engine.Gather(joined, shapes[i], map);
            offset += n;
        }

        return result;
    }

    /// <summary>x broadcast from [..., 1] (one value per row) to [..., width].</summary>
    private TA BroadcastRows(TA x, TensorShape target)
    {
        var width = target[-1];
        var map = new int[target.Elements];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = i / width;
        }

        return Engine.Gather(x, target, map);
    }

    private static int[] Identity(int n)
    {
        var map = new int[n];
        for (var i = 0; i < n; i++)
        {
            map[i] = i;
        }

        return map;
    }
}
