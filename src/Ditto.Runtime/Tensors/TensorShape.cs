namespace Ditto.Runtime.Tensors;

/// <summary>An immutable tensor shape, row-major. Compares by value; prints as "128x768".</summary>
public sealed class TensorShape : IEquatable<TensorShape>
{
    private readonly int[] _dimensions;

    /// <summary>Creates a shape; every dimension must be positive.</summary>
    public TensorShape(params int[] dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        long elements = 1;
        foreach (var d in dimensions)
        {
            if (d <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(dimensions), $"Shape [{string.Join("x", dimensions)}] has a dimension that is not positive.");
            }

            elements *= d;
            if (elements > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(dimensions), $"Shape [{string.Join("x", dimensions)}] has more than {int.MaxValue} elements.");
            }
        }

        _dimensions = (int[])dimensions.Clone();
        Elements = (int)elements;
    }

    /// <summary>The dimensions.</summary>
    public ReadOnlySpan<int> Dimensions => _dimensions;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _dimensions.Length;

    /// <summary>The number of elements.</summary>
    public int Elements { get; }

    /// <summary>One dimension; negative indices count from the end.</summary>
    public int this[int axis] => _dimensions[axis < 0 ? _dimensions.Length + axis : axis];

    /// <summary>A vector shape of n elements.</summary>
    public static TensorShape Vector(int n) => new(n);

    /// <summary>Parses "128x768" (also accepts ',' and '*').</summary>
    public static TensorShape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(['x', 'X', ',', '*'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw new FormatException($"'{text}' is not a shape; expected dimensions joined by x, for example 128x768.");
        }

        var dims = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out dims[i]) || dims[i] <= 0)
            {
                throw new FormatException($"'{text}' is not a shape: '{parts[i]}' is not a positive integer.");
            }
        }

        return new TensorShape(dims);
    }

    /// <summary>A copy of the dimensions.</summary>
    public int[] ToArray() => (int[])_dimensions.Clone();

    /// <inheritdoc/>
    public bool Equals(TensorShape? other) => other is not null && _dimensions.AsSpan().SequenceEqual(other._dimensions);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TensorShape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in _dimensions)
        {
            hash.Add(d);
        }

        return hash.ToHashCode();
    }

    /// <summary>"128x768".</summary>
    public override string ToString() => string.Join("x", _dimensions);

    /// <summary>Value equality.</summary>
    public static bool operator ==(TensorShape? left, TensorShape? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(TensorShape? left, TensorShape? right) => !(left == right);
}
