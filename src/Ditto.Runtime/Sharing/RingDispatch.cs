namespace Ditto.Runtime.Sharing;

/// <summary>
/// The one place where a share of either ring becomes its typed form. Protocols are written once, generic over the ring
/// type; whoever holds a share of unknown ring (the secret engine, a conversion) dispatches here, so the type tests and
/// the ring-mismatch errors are written once.
/// </summary>
public static class RingDispatch
{
    /// <summary>Runs <paramref name="ring32"/> or <paramref name="ring64"/> on x's typed form.</summary>
    public static TResult Match<TResult>(ArithmeticShare x, Func<ArithmeticShare<uint>, TResult> ring32, Func<ArithmeticShare<ulong>, TResult> ring64)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x switch
        {
            ArithmeticShare<uint> a => ring32(a),
            ArithmeticShare<ulong> a => ring64(a),
            _ => throw Unknown(x),
        };
    }

    /// <summary>Runs a protocol that keeps x's ring.</summary>
    public static ArithmeticShare Map(ArithmeticShare x, Func<ArithmeticShare<uint>, ArithmeticShare<uint>> ring32, Func<ArithmeticShare<ulong>, ArithmeticShare<ulong>> ring64) =>
        Match<ArithmeticShare>(x, ring32, ring64);

    /// <summary>Runs a protocol on two operands, which must share a ring (else the error names the operation and both formats).</summary>
    public static TResult Match<TResult>(string operation, ArithmeticShare x, ArithmeticShare y, Func<ArithmeticShare<uint>, ArithmeticShare<uint>, TResult> ring32, Func<ArithmeticShare<ulong>, ArithmeticShare<ulong>, TResult> ring64)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return (x, y) switch
        {
            (ArithmeticShare<uint> a, ArithmeticShare<uint> b) => ring32(a, b),
            (ArithmeticShare<ulong> a, ArithmeticShare<ulong> b) => ring64(a, b),
            _ when x.Format.RingBits != y.Format.RingBits => throw new ArgumentException($"{operation}: operands live in different rings: {x.Format} and {y.Format}; convert one with Cast first."),
            _ => throw Unknown(x is ArithmeticShare<uint> or ArithmeticShare<ulong> ? y : x),
        };
    }

    /// <summary>Runs a protocol on two operands of one ring that keeps that ring.</summary>
    public static ArithmeticShare Map(string operation, ArithmeticShare x, ArithmeticShare y, Func<ArithmeticShare<uint>, ArithmeticShare<uint>, ArithmeticShare<uint>> ring32, Func<ArithmeticShare<ulong>, ArithmeticShare<ulong>, ArithmeticShare<ulong>> ring64) =>
        Match<ArithmeticShare>(operation, x, y, ring32, ring64);

    /// <summary>x as a 32-bit share, or an error naming the operation and x's format.</summary>
    public static ArithmeticShare<uint> Ring32(string operation, ArithmeticShare x) =>
        x as ArithmeticShare<uint> ?? throw new NotSupportedException($"{operation}: needs a share in the 32-bit ring; {x.Format} is in the {x.Format.RingBits}-bit ring.");

    /// <summary>x as a 64-bit share, or an error naming the operation and x's format.</summary>
    public static ArithmeticShare<ulong> Ring64(string operation, ArithmeticShare x) =>
        x as ArithmeticShare<ulong> ?? throw new NotSupportedException($"{operation}: needs a share in the 64-bit ring; {x.Format} is in the {x.Format.RingBits}-bit ring.");

    private static NotSupportedException Unknown(ArithmeticShare x) => new($"Unknown share type {x.GetType().Name}.");
}
