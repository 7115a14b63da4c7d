using System.Collections.Generic;
using System.Linq;
using Ditto.Catalogue;

namespace Ditto.Generators.Typing;

/// <summary>
/// Compile-time shapes, as far as they are known (from Reshape literals and the layout ops applied to them): a null
/// shape is unknown, a null dimension is unknown. The rules are the op catalogue's (<see cref="ShapeRule"/>). Used to find
/// a matmul's inner dimension for the headroom check.
/// </summary>
internal static class Shapes
{
    /// <summary>The output shape of a one-tensor op by its catalogue shape rule; null when it cannot be known.</summary>
    public static int?[]? Of(string op, int?[]? shape, IReadOnlyList<int?> constants)
    {
        var rule = OpCatalogue.Find(op)?.Shape ?? throw new System.InvalidOperationException($"'{op}' is not in the op catalogue.");
        switch (rule)
        {
            case ShapeRule.Reshape:
                return constants.Count > 0 ? constants.ToArray() : null;
            case ShapeRule.Same:
                return shape;
            case ShapeRule.TransposeLast when shape is { Length: >= 2 }:
            {
                var s = (int?[])shape.Clone();
                (s[s.Length - 1], s[s.Length - 2]) = (s[s.Length - 2], s[s.Length - 1]);
                return s;
            }

            case ShapeRule.Transpose when shape is not null && constants.Count == shape.Length && constants.All(c => c is not null && c >= 0 && c < shape.Length):
                return constants.Select(c => shape[c!.Value]).ToArray();
            case ShapeRule.Slice when shape is not null && constants.Count == 3 && constants[0] is { } axis && constants[2] is { } length:
                return WithAxis(shape, axis, length);
            case ShapeRule.SplitHeads when shape is { Length: >= 2 } && constants.Count == 1 && constants[0] is { } heads && heads > 0:
            {
                var last = shape[shape.Length - 1];
                return [.. shape.Take(shape.Length - 2), heads, shape[shape.Length - 2], last is { } l && l % heads == 0 ? l / heads : null];
            }

            case ShapeRule.MergeHeads when shape is { Length: >= 3 }:
            {
                int? h = shape[shape.Length - 3], d = shape[shape.Length - 1];
                return [.. shape.Take(shape.Length - 3), shape[shape.Length - 2], h is { } hh && d is { } dd ? hh * dd : null];
            }

            case ShapeRule.LastAxisToOne when shape is { Length: >= 1 }:
                return WithAxis(shape, -1, 1);
            case ShapeRule.AxisToOne when shape is not null && constants.Count >= 1 && constants[0] is { } reduced:
                return WithAxis(shape, reduced, 1);
            case ShapeRule.Repeat when shape is not null && constants.Count == 2 && constants[0] is { } repeated && constants[1] is { } times:
            {
                var a = repeated < 0 ? shape.Length + repeated : repeated;
                if (a < 0 || a >= shape.Length)
                {
                    return null;
                }

                var s = (int?[])shape.Clone();
                s[a] = shape[a] is { } n ? n * times : null;
                return s;
            }

            default:
                return null;
        }
    }

    private static int?[]? WithAxis(int?[] shape, int axis, int size)
    {
        var a = axis < 0 ? shape.Length + axis : axis;
        if (a < 0 || a >= shape.Length)
        {
            return null;
        }

        var s = (int?[])shape.Clone();
        s[a] = size;
        return s;
    }

    /// <summary>The output shape and the inner dimension K of x · y (or x · yᵀ).</summary>
    public static (int?[]? Shape, int? Inner) MatMul(int?[]? x, int?[]? y, bool? transposeY)
    {
        int? k = x is { Length: >= 1 } ? x[x.Length - 1] : null;
        if (k is null && y is { Length: >= 2 } && transposeY is { } t)
        {
            k = t ? y[y.Length - 1] : y[y.Length - 2];
        }

        if (x is not { Length: >= 2 } || y is not { Length: >= 2 } || transposeY is not { } tr)
        {
            return (null, k);
        }

        var n = tr ? y[y.Length - 2] : y[y.Length - 1];
        var batch = x.Length >= y.Length ? x.Take(x.Length - 2) : y.Take(y.Length - 2);
        return ([.. batch, x[x.Length - 2], n], k);
    }
}
