using Ditto;

namespace Ditto.Generators.Tests.Models;

/// <summary>
/// Public tensors: rotary position embeddings (RoPE, in Hugging Face's half-split layout) whose cos/sin tables and
/// causal mask are computed from public positions only. The tables are [Public] parameters of Rotate and public locals of
/// Forward; their products with the secret queries and keys are local, and the mask is added into the scores' shares.
/// </summary>
[SecureModel, FixedPoint(Precision.NonLinear)]
public sealed partial class Rotary
{
    public required int HeadSize { get; init; }

    public required double Theta { get; init; }

    /// <summary>Scores of queries over keys [T, d] at positions start … start + T − 1, with a causal mask.</summary>
    public Tensor Forward(Tensor q, Tensor k, int start)
    {
        var length = q.Shape[0];
        var cos = PublicTables.Cos(start, length, HeadSize, Theta);
        var sin = PublicTables.Sin(start, length, HeadSize, Theta);
        var scores = Tensor.MatMul(Rotate(q, cos, sin), Rotate(k, cos, sin), transposeB: true) * (1.0 / Math.Sqrt(HeadSize));
        return Ops.Softmax(scores + PublicTables.CausalMask(length));
    }

    /// <summary>x·cos + rotate_half(x)·sin, where rotate_half(x) = (−x₂, x₁) for the halves x₁, x₂ of the last axis.</summary>
    public Tensor Rotate(Tensor x, [Public] Tensor cos, [Public] Tensor sin)
    {
        var half = HeadSize / 2;
        var rotated = Tensor.Concat(-1, -x.Slice(-1, half, half), x.Slice(-1, 0, half));
        return (x * cos) + (rotated * sin);
    }
}

/// <summary>Plain code over public values (not a secure model): the tables every party computes alike.</summary>
public static class PublicTables
{
    public static Tensor Cos(int start, int length, int size, double theta) => Table(start, length, size, theta, Math.Cos);

    public static Tensor Sin(int start, int length, int size, double theta) => Table(start, length, size, theta, Math.Sin);

    /// <summary>0 where query i may see key j ≤ i, −30 elsewhere (e^−30 is below every fixed-point format's last place).</summary>
    public static Tensor CausalMask(int length)
    {
        var data = new float[length * length];
        for (var i = 0; i < length; i++)
        {
            for (var j = i + 1; j < length; j++)
            {
                data[(i * length) + j] = -30;
            }
        }

        return new Tensor(data, new Runtime.Tensors.TensorShape(length, length));
    }

    private static Tensor Table(int start, int length, int size, double theta, Func<double, double> f)
    {
        var data = new float[length * size];
        for (var t = 0; t < length; t++)
        {
            for (var i = 0; i < size; i++)
            {
                var frequency = Math.Pow(theta, -2.0 * (i % (size / 2)) / size);
                data[(t * size) + i] = (float)f((start + t) * frequency);
            }
        }

        return new Tensor(data, new Runtime.Tensors.TensorShape(length, size));
    }
}
