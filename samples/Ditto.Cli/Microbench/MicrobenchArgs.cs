using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Cli.Microbench;

/// <summary>What a micro-benchmark case is built from.</summary>
internal sealed record MicrobenchArgs(int Ring, TensorShape Shape, int FractionBits, int ExpIterations, Random Random)
{
    /// <summary>The format of the inputs.</summary>
    public FixedPointFormat Format => new(Ring, FractionBits);

    /// <summary>Uniform floats in [lo, hi].</summary>
    public float[] Uniform(int count, double lo, double hi)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)(lo + (Random.NextDouble() * (hi - lo)));
        }

        return values;
    }

    /// <summary>The element count of a 1-D shape, or throws naming the op.</summary>
    public int Elements(string op)
    {
        if (Shape.Rank != 1)
        {
            throw new ArgumentException($"{op} takes an element count as its shape (for example 65536), not [{Shape}].");
        }

        return Shape[0];
    }
}
