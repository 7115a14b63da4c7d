using System.Numerics.Tensors;
using Ditto.Runtime.Kernels;
using Ditto.Runtime.Tensors;

namespace Ditto;

/// <summary>
/// The plaintext tensor a secure model is written over: row-major float values with a shape. Code over it runs as plain
/// C# with float semantics; the source generator turns the same code into a twin that runs on any backend.
/// A tensor may be a placeholder (shape only): parties that do not own a weight know its shape but not its values.
/// </summary>
public sealed class Tensor
{
    private readonly float[]? _data;

    /// <summary>Wraps values (not copied) with a shape.</summary>
    public Tensor(float[] data, params int[] shape)
        : this(data, new TensorShape(shape))
    {
    }

    /// <summary>Wraps values (not copied) with a shape.</summary>
    public Tensor(float[] data, TensorShape shape, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        if (data.Length != shape.Elements)
        {
            throw new ArgumentException($"Tensor{(name is null ? string.Empty : $" '{name}'")} of shape [{shape}] needs {shape.Elements} values, not {data.Length}.", nameof(data));
        }

        _data = data;
        Shape = shape;
        Name = name;
    }

    private Tensor(TensorShape shape, string? name)
    {
        Shape = shape;
        Name = name;
    }

    /// <summary>The shape.</summary>
    public TensorShape Shape { get; }

    /// <summary>An optional name (a weight's name in its file), used in error messages.</summary>
    public string? Name { get; }

    /// <summary>False for a placeholder that only knows its shape.</summary>
    public bool HasData => _data is not null;

    /// <summary>The values; throws for a placeholder.</summary>
    public float[] Data => _data ?? throw new InvalidOperationException($"Tensor{(Name is null ? string.Empty : $" '{Name}'")} of shape [{Shape}] is a placeholder: this party does not hold its values.");

    /// <summary>Number of elements.</summary>
    public int Length => Shape.Elements;

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(params int[] shape) => new(new float[new TensorShape(shape).Elements], shape);

    /// <summary>A shape-only tensor (a weight this party does not own).</summary>
    public static Tensor Placeholder(TensorShape shape, string? name = null) => new(shape, name);

    /// <summary>The same tensor under a name.</summary>
    public Tensor Named(string name) => _data is null ? new Tensor(Shape, name) : new Tensor(_data, Shape, name);

    /// <summary>Element-wise sum; a tensor whose shape equals the other's trailing dimensions is broadcast (a bias).</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Broadcast(a, b, "+", TensorPrimitives.Add);

    /// <summary>Element-wise difference, with the same broadcasting as +.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Broadcast(a, b, "-", TensorPrimitives.Subtract);

    /// <summary>Element-wise product, with the same broadcasting as +.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Broadcast(a, b, "*", TensorPrimitives.Multiply);

    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => Map(a, v => TensorPrimitives.Negate(v.Source, v.Destination));

    /// <summary>Scaling by a constant.</summary>
    public static Tensor operator *(Tensor a, double c) => Map(a, v => TensorPrimitives.Multiply(v.Source, (float)c, v.Destination));

    /// <summary>Scaling by a constant.</summary>
    public static Tensor operator *(double c, Tensor a) => a * c;

    /// <summary>Division by a constant.</summary>
    public static Tensor operator /(Tensor a, double c) => a * (1.0 / c);

    /// <summary>Adding a constant.</summary>
    public static Tensor operator +(Tensor a, double c) => Map(a, v => TensorPrimitives.Add(v.Source, (float)c, v.Destination));

    /// <summary>Subtracting a constant.</summary>
    public static Tensor operator -(Tensor a, double c) => a + (-c);

    /// <summary>Matrix product of the last two dimensions, batched over leading ones; a matrix operand is broadcast over the other's batch.</summary>
    public static Tensor MatMul(Tensor a, Tensor b, bool transposeB = false)
    {
        var (dims, shape) = MatMulShapes.Resolve(a.Shape, b.Shape, transposeY: transposeB);
        return new Tensor(FloatKernels.MatMul(a.Data, b.Data, dims), shape);
    }

    /// <summary>The same values under another shape with as many elements.</summary>
    public Tensor Reshape(params int[] shape)
    {
        var s = new TensorShape(shape);
        if (s.Elements != Length)
        {
            throw new ArgumentException($"Cannot reshape [{Shape}] ({Length} elements) to [{s}] ({s.Elements} elements).");
        }

        return _data is null ? Placeholder(s, Name) : new Tensor(_data, s, Name);
    }

    /// <summary>Permutes the axes.</summary>
    public Tensor Transpose(params int[] axes) => Gather(TensorLayout.Transpose(Shape, axes));

    /// <summary>Swaps the last two axes.</summary>
    public Tensor TransposeLast() => Gather(TensorLayout.TransposeLast(Shape));

    /// <summary>Elements [start, start + length) along an axis.</summary>
    public Tensor Slice(int axis, int start, int length) => Gather(TensorLayout.Slice(Shape, axis, start, length));

    /// <summary>Concatenation along an axis.</summary>
    public static Tensor Concat(int axis, params Tensor[] parts)
    {
        var (shape, part, map) = TensorLayout.Concat(parts.Select(p => p.Shape).ToList(), axis);
        var data = new float[shape.Elements];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = parts[part[i]].Data[map[i]];
        }

        return new Tensor(data, shape);
    }

    /// <summary>"Tensor [128x768]".</summary>
    public override string ToString() => $"Tensor{(Name is null ? string.Empty : $" '{Name}'")} [{Shape}]{(HasData ? string.Empty : " (placeholder)")}";

    internal Tensor Gather((TensorShape Shape, int[] Map) layout)
    {
        if (_data is null)
        {
            // A placeholder moves to its new shape: a party that does not own a weight still knows its layout.
            return Placeholder(layout.Shape, Name);
        }

        var source = _data;
        var data = new float[layout.Map.Length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = source[layout.Map[i]];
        }

        return new Tensor(data, layout.Shape);
    }

    private static Tensor Map(Tensor a, Action<(float[] Source, float[] Destination)> kernel)
    {
        var r = new float[a.Length];
        kernel((a.Data, r));
        return new Tensor(r, a.Shape);
    }

    private delegate void Binary(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination);

    private static Tensor Broadcast(Tensor a, Tensor b, string op, Binary kernel)
    {
        if (a.Shape == b.Shape)
        {
            var r = new float[a.Length];
            kernel(a.Data, b.Data, r);
            return new Tensor(r, a.Shape);
        }

        if (TensorLayout.IsSuffix(b.Shape, a.Shape))
        {
            var r = new float[a.Length];
            for (var o = 0; o < a.Length; o += b.Length)
            {
                kernel(a.Data.AsSpan(o, b.Length), b.Data, r.AsSpan(o, b.Length));
            }

            return new Tensor(r, a.Shape);
        }

        if (TensorLayout.IsSuffix(a.Shape, b.Shape))
        {
            var r = new float[b.Length];
            for (var o = 0; o < b.Length; o += a.Length)
            {
                kernel(a.Data, b.Data.AsSpan(o, a.Length), r.AsSpan(o, a.Length));
            }

            return new Tensor(r, b.Shape);
        }

        // NumPy broadcasting over any dimensions: both operands gathered to the common shape.
        TensorShape shape;
        try
        {
            shape = TensorLayout.BroadcastShape(a.Shape, b.Shape);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"[{a.Shape}] {op} [{b.Shape}]: {e.Message}", e);
        }

        var left = a.Shape == shape ? a : a.Gather((shape, TensorLayout.BroadcastMap(a.Shape, shape)));
        var right = b.Shape == shape ? b : b.Gather((shape, TensorLayout.BroadcastMap(b.Shape, shape)));
        var result = new float[shape.Elements];
        kernel(left.Data, right.Data, result);
        return new Tensor(result, shape);
    }
}
