namespace Ditto.Models.Weights;

/// <summary>Reading weights with the shape a model's config implies.</summary>
public static class WeightSourceExtensions
{
    /// <summary>
    /// Reads a tensor after checking that it exists and has <paramref name="shape"/>; otherwise throws
    /// <see cref="ModelFileException"/> naming the file, the tensor, both shapes and <paramref name="because"/> (which
    /// config values imply the shape).
    /// </summary>
    public static Tensor Require(this IWeightSource source, string name, int[] shape, string because)
    {
        ArgumentNullException.ThrowIfNull(source);
        var actual = source.ShapeOf(name)
            ?? throw new ModelFileException(source.FileOf(name), name, $"missing: the model needs a tensor of shape [{string.Join(", ", shape)}] here ({because})");
        if (!actual.SequenceEqual(shape.Select(d => (long)d)))
        {
            throw new ModelFileException(source.FileOf(name), name, $"has shape [{string.Join(", ", actual)}] but the model needs [{string.Join(", ", shape)}] ({because})");
        }

        return source.Read(name);
    }

    /// <summary>Reads a PyTorch Linear weight stored [out, in] and returns it as [in, out], the layout x·W uses.</summary>
    public static Tensor RequireTransposed(this IWeightSource source, string name, int rows, int columns, string because)
    {
        var stored = source.Require(name, [rows, columns], because);
        return stored.TransposeLast().Named(name);
    }
}
