using Ditto.Runtime.Tensors;

namespace Ditto.Models.Synthetic;

/// <summary>
/// A weight source with seeded random values, for benchmarks of published model sizes without their checkpoints.
/// Values follow Hugging Face's initialisation of BERT and GPT-2: matrices and embedding tables N(0, 0.02²), biases
/// N(0, 0.02²), LayerNorm gains 1 and shifts 0 (a one-dimensional "….weight" is a LayerNorm gain in both models'
/// state-dict naming). Each tensor's values depend only on the seed and its name, so the order of reads does not matter.
/// </summary>
public sealed class RandomWeights(IEnumerable<KeyValuePair<string, long[]>> shapes, ulong seed, string description)
    : SyntheticWeightSource(shapes, description)
{
    /// <summary>The standard deviation of matrices and biases (Hugging Face's <c>initializer_range</c>).</summary>
    public const double Deviation = 0.02;

    /// <inheritdoc/>
    protected override Tensor Create(string name, TensorShape shape)
    {
        var values = new float[shape.Elements];
        var isNormGain = shape.Rank == 1 && name.EndsWith(".weight", StringComparison.Ordinal);
        var isNormShift = shape.Rank == 1 && !isNormGain && IsNormName(name);
        if (isNormGain)
        {
            Array.Fill(values, 1f);
        }
        else if (!isNormShift)
        {
            FillNormal(values, new Random(StreamSeed(name)));
        }

        return new Tensor(values, shape, name);
    }

    private static bool IsNormName(string name) =>
        name.Contains("LayerNorm.", StringComparison.Ordinal) || name.Contains("ln_", StringComparison.Ordinal);

    private static void FillNormal(float[] values, Random random)
    {
        // Box–Muller: two normal values per pair of uniforms.
        for (var i = 0; i < values.Length; i += 2)
        {
            var radius = Deviation * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var angle = 2 * Math.PI * random.NextDouble();
            values[i] = (float)(radius * Math.Cos(angle));
            if (i + 1 < values.Length)
            {
                values[i + 1] = (float)(radius * Math.Sin(angle));
            }
        }
    }

    /// <summary>A per-tensor seed: FNV-1a of the name, mixed with the source's seed.</summary>
    private int StreamSeed(string name)
    {
        var hash = 14695981039346656037UL ^ seed;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (int)(hash ^ (hash >> 32));
    }
}
