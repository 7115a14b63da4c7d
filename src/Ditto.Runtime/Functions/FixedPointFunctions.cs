using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Functions;

/// <summary>
/// The fixed-point function library, written once against <see cref="IFixedPointEngine{TA, TB}"/>: run on the clear engine
/// it is the emulator, run on the secret engine it is the protocol. One file per function family.
/// </summary>
/// <typeparam name="TA">The engine's fixed-point tensor.</typeparam>
/// <typeparam name="TB">The engine's bit tensor.</typeparam>
public sealed partial class FixedPointFunctions<TA, TB>
    where TA : class
    where TB : class
{
    /// <summary>Binds the library to an engine.</summary>
    public FixedPointFunctions(IFixedPointEngine<TA, TB> engine)
    {
        Engine = engine ?? throw new ArgumentNullException(nameof(engine));
    }

    /// <summary>The engine the functions run on.</summary>
    public IFixedPointEngine<TA, TB> Engine { get; }

    /// <summary>
    /// x · c in x's format: c is encoded with extra fraction bits (so that small constants such as 1/768 keep about 14
    /// significant bits, within the ring's headroom), multiplied exactly, and the extra bits truncated. One truncation.
    /// </summary>
    public TA Scale(TA x, double c)
    {
        var format = Engine.FormatOf(x);
        var bits = ConstantBits(format, c);
        var encoded = (long)Math.Round(Math.ScaleB(c, bits), MidpointRounding.ToEven);
        var product = Engine.MultiplyInteger(x, encoded);
        return bits == 0 ? product : Engine.Truncate(Engine.Relabel(product, format.WithFractionBits(format.FractionBits + bits)), bits);
    }

    /// <summary>The mean over one axis, keeping it with size 1 (a local sum and one <see cref="Scale"/>).</summary>
    public TA Mean(TA x, int axis)
    {
        var shape = Engine.ShapeOf(x);
        return Scale(Sum(x, axis), 1.0 / shape[TensorLayout.Axis(shape, axis)]);
    }

    /// <summary>The sum over one axis, kept with size 1: local and exact (the axis moved last, summed, put back).</summary>
    public TA Sum(TA x, int axis)
    {
        var shape = Engine.ShapeOf(x);
        var a = TensorLayout.Axis(shape, axis);
        var moved = x;
        if (a != shape.Rank - 1)
        {
            var axes = Enumerable.Range(0, shape.Rank).Where(d => d != a).Append(a).ToArray();
            var (s, map) = TensorLayout.Transpose(shape, axes);
            moved = Engine.Gather(x, s, map);
        }

        var dims = shape.ToArray();
        dims[a] = 1;
        var outShape = new TensorShape(dims);
        return Engine.Gather(Engine.SumLastAxis(moved), outShape, Enumerable.Range(0, outShape.Elements).ToArray());
    }

    /// <summary>
    /// Fraction bits for encoding a public constant c to multiply a value of <paramref name="format"/>: enough for about 14
    /// significant bits of c, at least 0, and leaving 2 + k/4 bits of headroom above the product's fraction bits.
    /// </summary>
    public static int ConstantBits(FixedPointFormat format, double c)
    {
        if (c == 0 || double.IsNaN(c) || double.IsInfinity(c))
        {
            return 0;
        }

        var wanted = 14 - (int)Math.Floor(Math.Log2(Math.Abs(c)));
        var room = format.RingBits - 2 - format.FractionBits - (format.RingBits / 4);
        return Math.Clamp(wanted, 0, Math.Max(0, room));
    }
}
