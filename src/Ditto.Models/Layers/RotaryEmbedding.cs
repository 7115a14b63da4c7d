namespace Ditto.Models.Layers;

/// <summary>
/// Rotary position embeddings (RoPE) in Hugging Face's half-split layout: for positions p and frequencies
/// θ^(−2i/d), i &lt; d/2, the tables hold cos(p·θ^(−2i/d)) and sin(…) repeated over both halves of the head, and a head
/// x is rotated to x·cos + rotate_half(x)·sin with rotate_half(x₁, x₂) = (−x₂, x₁). The tables are computed from public
/// positions, so they are public tensors: every party computes them alike and their products with secrets are local.
/// </summary>
public static class RotaryEmbedding
{
    /// <summary>cos of positions start … start + length − 1, [length, headSize].</summary>
    public static Tensor Cos(int start, int length, int headSize, double theta) => Table(start, length, headSize, theta, Math.Cos);

    /// <summary>sin of positions start … start + length − 1, [length, headSize].</summary>
    public static Tensor Sin(int start, int length, int headSize, double theta) => Table(start, length, headSize, theta, Math.Sin);

    private static Tensor Table(int start, int length, int headSize, double theta, Func<double, double> f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (headSize <= 0 || headSize % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(headSize), headSize, "Rotary embeddings rotate pairs: the head size must be even and positive.");
        }

        var half = headSize / 2;
        var data = new float[length * headSize];
        for (var t = 0; t < length; t++)
        {
            for (var i = 0; i < half; i++)
            {
                // Hugging Face computes the inverse frequencies and the angles in float32; so does this.
                var inverse = (float)(1.0 / Math.Pow(theta, (float)(2 * i) / headSize));
                var angle = (float)(start + t) * inverse;
                data[(t * headSize) + i] = data[(t * headSize) + half + i] = (float)f(angle);
            }
        }

        return new Tensor(data, length, headSize);
    }
}
