using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Cli.Microbench;

/// <summary>What a micro-benchmark case is built from.</summary>
internal sealed record MicrobenchArgs(int Ring, int[] Dims, int FractionBits, int ExpIterations, Random Random)
{
    /// <summary>The dimensions as a tensor shape (element-wise ops, rows x width).</summary>
    public TensorShape Shape => new(Dims);

    /// <summary>"128x768".</summary>
    public string DimsText => string.Join("x", Dims);

    /// <summary>Parses "128x768x768" (dimensions of a benchmark, not necessarily a tensor).</summary>
    public static int[] ParseDims(string text)
    {
        var parts = text.Split(['x', 'X', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dims = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out dims[i]) || dims[i] <= 0)
            {
                throw new FormatException($"--shape '{text}': '{parts[i]}' is not a positive integer; give dimensions joined by x, for example 128x768x768.");
            }
        }

        return dims.Length > 0 ? dims : throw new FormatException("--shape is empty; give dimensions joined by x, for example 65536 or 128x768x768.");
    }

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
        if (Dims.Length != 1)
        {
            throw new ArgumentException($"{op} takes an element count as its shape (for example 65536), not {DimsText}.");
        }

        return Dims[0];
    }
}
