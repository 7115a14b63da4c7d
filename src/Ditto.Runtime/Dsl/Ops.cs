using System.Numerics.Tensors;
using Ditto.Runtime.Tensors;

namespace Ditto;

/// <summary>
/// The op library a secure model may call, with float semantics: this is the plaintext reference every fixed-point
/// approximation is measured against. The float backend calls these very methods, so a generated twin on the float
/// backend equals the hand-written model exactly.
/// </summary>
public static class Ops
{
    /// <summary>
    /// e^x for every x. A fixed-point format holds only part of the range: below −(f + 1)·ln 2 the result is under half a
    /// unit (0 in fixed point) and above (k − 3 − f)·ln 2 it saturates (docs/protocols.md, exp).
    /// </summary>
    public static Tensor Exp(Tensor x) => Map(x, (s, d) => TensorPrimitives.Exp(s, d));

    /// <summary>The logistic function 1/(1 + e^−x), saturating to 0 and 1.</summary>
    public static Tensor Sigmoid(Tensor x) => Map(x, (s, d) =>
    {
        for (var i = 0; i < s.Length; i++)
        {
            d[i] = (float)Scalar.Sigmoid(s[i]);
        }
    });

    /// <summary>tanh(x), saturating to ±1.</summary>
    public static Tensor Tanh(Tensor x) => Map(x, (s, d) => TensorPrimitives.Tanh(s, d));

    /// <summary>SiLU (swish): x·σ(x).</summary>
    public static Tensor Silu(Tensor x) => Map(x, (s, d) =>
    {
        for (var i = 0; i < s.Length; i++)
        {
            d[i] = (float)(s[i] * Scalar.Sigmoid(s[i]));
        }
    });

    /// <summary>1/x, and 0 for x = 0 (the fixed-point reciprocal's answer there: its domain is x ≠ 0).</summary>
    public static Tensor Reciprocal(Tensor x) => Map(x, (s, d) =>
    {
        for (var i = 0; i < s.Length; i++)
        {
            d[i] = s[i] == 0 ? 0 : 1f / s[i];
        }
    });

    /// <summary>1/√x, and 0 for x ≤ 0 (the fixed-point rsqrt's answer there: its domain is x &gt; 0).</summary>
    public static Tensor Rsqrt(Tensor x) => Map(x, (s, d) =>
    {
        for (var i = 0; i < s.Length; i++)
        {
            d[i] = s[i] > 0 ? 1f / MathF.Sqrt(s[i]) : 0;
        }
    });

    /// <summary>√x, and 0 for x &lt; 0 (the fixed-point square root's answer there: its domain is x ≥ 0).</summary>
    public static Tensor Sqrt(Tensor x) => Map(x, (s, d) =>
    {
        for (var i = 0; i < s.Length; i++)
        {
            d[i] = s[i] > 0 ? MathF.Sqrt(s[i]) : 0;
        }
    });

    /// <summary>max(x, 0).</summary>
    public static Tensor Relu(Tensor x) => Map(x, (s, d) => TensorPrimitives.Max(s, 0f, d));

    /// <summary>GeLU in the model's own variant.</summary>
    public static Tensor Gelu(Tensor x, GeluVariant variant = GeluVariant.Erf) => Map(x, (s, d) =>
    {
        for (var i = 0; i < s.Length; i++)
        {
            d[i] = (float)Scalar.Gelu(s[i], variant);
        }
    });

    /// <summary>Softmax over the last axis.</summary>
    public static Tensor Softmax(Tensor x) => RowWise(x, (row, d, _) => SoftmaxRow(row, d));

    /// <summary>
    /// Softmax over the last axis of attention scores [..., queries, keys] with a causal mask: query i sees keys
    /// j ≤ i + (keys − queries), so the queries are the last positions (a prompt, or one new token with a KV cache).
    /// </summary>
    public static Tensor CausalSoftmax(Tensor x)
    {
        if (x.Shape.Rank < 2)
        {
            throw new ArgumentException($"CausalSoftmax needs [..., queries, keys]; got [{x.Shape}].");
        }

        var queries = x.Shape[-2];
        var keys = x.Shape[-1];
        if (keys < queries)
        {
            throw new ArgumentException($"CausalSoftmax needs at least as many keys as queries; got [{x.Shape}].");
        }

        return RowWise(x, (row, d, r) => SoftmaxRow(row[..(CausalVisible(r, queries, keys))], d[..CausalVisible(r, queries, keys)]));
    }

    /// <summary>
    /// Softmax over the last axis of the positions a public mask keeps: <paramref name="mask"/> broadcasts to x's shape
    /// (NumPy rules; [batch, 1, 1, keys] for padding) and a non-zero entry keeps the position; the others come back as
    /// exact zeros and take no part in the row's max or sum, whatever the preset's approximation. Every row must keep at
    /// least one position.
    /// </summary>
    public static Tensor MaskedSoftmax(Tensor x, Tensor mask)
    {
        var keep = Visible(x.Shape, mask);
        var width = x.Shape[-1];
        return RowWise(x, (row, d, r) =>
        {
            var kept = Enumerable.Range(0, width).Where(j => keep[(r * width) + j]).ToArray();
            var values = new float[kept.Length];
            for (var i = 0; i < kept.Length; i++)
            {
                values[i] = row[kept[i]];
            }

            var probabilities = new float[values.Length];
            SoftmaxRow(values, probabilities);
            for (var i = 0; i < kept.Length; i++)
            {
                d[kept[i]] = probabilities[i];
            }
        });
    }

    /// <summary>The positions of <paramref name="shape"/> a public mask keeps (non-zero after broadcasting); every row keeps one at least.</summary>
    public static bool[] Visible(TensorShape shape, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        int[] map;
        try
        {
            map = TensorLayout.BroadcastMap(mask.Shape, shape);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The softmax mask [{mask.Shape}] does not broadcast to the scores [{shape}]: {e.Message}", nameof(mask), e);
        }

        var keep = map.Select(i => mask.Data[i] != 0).ToArray();
        var width = shape[-1];
        for (var r = 0; r < keep.Length / width; r++)
        {
            if (!keep.AsSpan(r * width, width).Contains(true))
            {
                throw new ArgumentException($"The softmax mask hides every position of row {r} of [{shape}]; a row must keep at least one.", nameof(mask));
            }
        }

        return keep;
    }

    /// <summary>How many keys query row r (of all rows) sees under the causal mask.</summary>
    public static int CausalVisible(int row, int queries, int keys) => (row % queries) + 1 + (keys - queries);

    /// <summary>(x − mean)/√(var + eps)·γ + β over the last axis.</summary>
    public static Tensor LayerNorm(Tensor x, Tensor gamma, Tensor beta, double eps)
    {
        var width = x.Shape[-1];
        if (gamma.Length != width || beta.Length != width)
        {
            throw new ArgumentException($"LayerNorm over width {width} of [{x.Shape}] needs γ and β of {width} values, not [{gamma.Shape}] and [{beta.Shape}].");
        }

        var g = gamma.Data;
        var b = beta.Data;
        return RowWise(x, (row, d, _) =>
        {
            double mean = 0;
            foreach (var v in row)
            {
                mean += v;
            }

            mean /= row.Length;
            double variance = 0;
            foreach (var v in row)
            {
                variance += (v - mean) * (v - mean);
            }

            variance /= row.Length;
            var scale = 1.0 / Math.Sqrt(variance + eps);
            for (var i = 0; i < row.Length; i++)
            {
                d[i] = (float)(((row[i] - mean) * scale * g[i]) + b[i]);
            }
        });
    }

    /// <summary>x/√(mean(x²) + eps)·γ over the last axis (RMSNorm, as LLaMA's and Qwen's decoders use it: no centring, no β).</summary>
    public static Tensor RmsNorm(Tensor x, Tensor gamma, double eps)
    {
        var width = x.Shape[-1];
        if (gamma.Length != width)
        {
            throw new ArgumentException($"RmsNorm over width {width} of [{x.Shape}] needs γ of {width} values, not [{gamma.Shape}].");
        }

        var g = gamma.Data;
        return RowWise(x, (row, d, _) =>
        {
            double squares = 0;
            foreach (var v in row)
            {
                squares += (double)v * v;
            }

            var scale = 1.0 / Math.Sqrt((squares / row.Length) + eps);
            for (var i = 0; i < row.Length; i++)
            {
                d[i] = (float)(row[i] * scale * g[i]);
            }
        });
    }

    /// <summary>The maximum over the last axis; the result keeps that axis with size 1.</summary>
    public static Tensor Max(Tensor x)
    {
        var width = x.Shape[-1];
        var rows = x.Length / width;
        var data = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            data[r] = TensorPrimitives.Max(x.Data.AsSpan(r * width, width));
        }

        return new Tensor(data, new TensorShape([.. x.Shape.Dimensions[..^1], 1]));
    }

    /// <summary>The sum over one axis; the result keeps the axis with size 1 (exact in fixed point: no message).</summary>
    public static Tensor Sum(Tensor x, int axis) => Reduce(x, axis, mean: false);

    /// <summary>
    /// Each slice along <paramref name="axis"/> repeated <paramref name="times"/> times in place (torch's
    /// repeat_interleave); on a size-1 axis it is expand. A local gather in fixed point.
    /// </summary>
    public static Tensor Repeat(Tensor x, int axis, int times) => x.Gather(TensorLayout.Repeat(x.Shape, axis, times));

    /// <summary>The mean over one axis; the result keeps the axis with size 1.</summary>
    public static Tensor Mean(Tensor x, int axis) => Reduce(x, axis, mean: true);

    /// <summary>The sum over one axis in double, divided by its length for a mean; the axis is kept with size 1.</summary>
    private static Tensor Reduce(Tensor x, int axis, bool mean)
    {
        var a = TensorLayout.Axis(x.Shape, axis);
        var dims = x.Shape.ToArray();
        var outer = dims[..a].Aggregate(1, (p, q) => p * q);
        var inner = dims[(a + 1)..].Aggregate(1, (p, q) => p * q);
        var n = dims[a];
        var data = new float[outer * inner];
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                double sum = 0;
                for (var k = 0; k < n; k++)
                {
                    sum += x.Data[(((o * n) + k) * inner) + i];
                }

                data[(o * inner) + i] = (float)(mean ? sum / n : sum);
            }
        }

        dims[a] = 1;
        return new Tensor(data, new TensorShape(dims));
    }

    /// <summary>[..., S, H·D] → [..., H, S, D].</summary>
    public static Tensor SplitHeads(Tensor x, int heads) => x.Gather(TensorLayout.SplitHeads(x.Shape, heads));

    /// <summary>[..., H, S, D] → [..., S, H·D].</summary>
    public static Tensor MergeHeads(Tensor x) => x.Gather(TensorLayout.MergeHeads(x.Shape));

    private static void SoftmaxRow(ReadOnlySpan<float> row, Span<float> destination)
    {
        var max = TensorPrimitives.Max(row);
        double sum = 0;
        for (var i = 0; i < row.Length; i++)
        {
            var e = Math.Exp(row[i] - max);
            destination[i] = (float)e;
            sum += e;
        }

        TensorPrimitives.Multiply(destination[..row.Length], (float)(1.0 / sum), destination[..row.Length]);
    }

    private delegate void RowKernel(ReadOnlySpan<float> row, Span<float> destination, int rowIndex);

    private static Tensor RowWise(Tensor x, RowKernel kernel)
    {
        var width = x.Shape[-1];
        var rows = x.Length / width;
        var result = new float[x.Length];
        var source = x.Data;
        for (var r = 0; r < rows; r++)
        {
            kernel(source.AsSpan(r * width, width), result.AsSpan(r * width, width), r);
        }

        return new Tensor(result, x.Shape);
    }

    private static Tensor Map(Tensor x, Action<ReadOnlySpan<float>, Span<float>> kernel)
    {
        var result = new float[x.Length];
        kernel(x.Data, result);
        return new Tensor(result, x.Shape);
    }
}
