using System.Numerics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Kernels;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Arithmetic;

/// <summary>
/// Operations every party does on its own shares, with no messages: add, subtract, negate, add or multiply a public
/// value, shift left. A public value is added to the component x_0 only (party 0's first and party 2's second share).
/// </summary>
public static class LocalArithmetic
{
    /// <summary>x + y (same shape and format).</summary>
    public static ArithmeticShare<T> Add<T>(ArithmeticShare<T> x, ArithmeticShare<T> y)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        ShareChecks.SameShape("add", x.Shape, y.Shape);
        ShareChecks.SameFormat("add", x.Format, y.Format);
        var r = ArithmeticShare<T>.Zeros(x.Shape, x.Format);
        RingKernels.Add(x.First, y.First, r.First);
        RingKernels.Add(x.Second, y.Second, r.Second);
        return r;
    }

    /// <summary>x − y (same shape and format).</summary>
    public static ArithmeticShare<T> Subtract<T>(ArithmeticShare<T> x, ArithmeticShare<T> y)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        ShareChecks.SameShape("subtract", x.Shape, y.Shape);
        ShareChecks.SameFormat("subtract", x.Format, y.Format);
        var r = ArithmeticShare<T>.Zeros(x.Shape, x.Format);
        RingKernels.Subtract(x.First, y.First, r.First);
        RingKernels.Subtract(x.Second, y.Second, r.Second);
        return r;
    }

    /// <summary>−x.</summary>
    public static ArithmeticShare<T> Negate<T>(ArithmeticShare<T> x)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var r = ArithmeticShare<T>.Zeros(x.Shape, x.Format);
        RingKernels.Negate(x.First, r.First);
        RingKernels.Negate(x.Second, r.Second);
        return r;
    }

    /// <summary>x + c for public ring values c (one per element, already in x's format).</summary>
    public static ArithmeticShare<T> AddPublic<T>(int partyId, ArithmeticShare<T> x, T[] c)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        if (c.Length != x.Length)
        {
            throw new ArgumentException($"add public: the secret has shape [{x.Shape}] ({x.Length} elements) but the public value has {c.Length} elements.");
        }

        return AddToComponentZero(partyId, x, component => RingKernels.Add(component, c, component));
    }

    /// <summary>x + c for one public ring value c (in x's format).</summary>
    public static ArithmeticShare<T> AddPublic<T>(int partyId, ArithmeticShare<T> x, T c)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
        => AddToComponentZero(partyId, x, component => RingKernels.Add(component, c, component));

    // A public value changes the component x_0 only: party 0 holds it first, party 2 second.
    private static ArithmeticShare<T> AddToComponentZero<T>(int partyId, ArithmeticShare<T> x, Action<T[]> add)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var first = (T[])x.First.Clone();
        var second = (T[])x.Second.Clone();
        if (partyId == 0)
        {
            add(first);
        }

        if (partyId == 2)
        {
            add(second);
        }

        return new ArithmeticShare<T>(x.Shape, x.Format, first, second);
    }

    /// <summary>
    /// x · c for a public ring integer c; the format is unchanged (c is an integer, or a fixed-point constant whose
    /// fraction bits the caller removes by truncation and records with <see cref="ArithmeticShare.Relabel"/>).
    /// </summary>
    public static ArithmeticShare<T> MultiplyPublic<T>(ArithmeticShare<T> x, T c)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var r = ArithmeticShare<T>.Zeros(x.Shape, x.Format);
        RingKernels.Multiply(x.First, c, r.First);
        RingKernels.Multiply(x.Second, c, r.Second);
        return r;
    }

    /// <summary>x · c element-wise for public ring values c; the result has fraction bits f_x + <paramref name="publicFractionBits"/>.</summary>
    public static ArithmeticShare<T> MultiplyPublic<T>(ArithmeticShare<T> x, T[] c, int publicFractionBits)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        if (c.Length != x.Length)
        {
            throw new ArgumentException($"multiply public: the secret has shape [{x.Shape}] ({x.Length} elements) but the public value has {c.Length} elements.");
        }

        var r = ArithmeticShare<T>.Zeros(x.Shape, ProductFormat("multiply public", x.Format, publicFractionBits));
        RingKernels.Multiply(x.First, c, r.First);
        RingKernels.Multiply(x.Second, c, r.Second);
        return r;
    }

    /// <summary>x · 2^bits: a local left shift. The fraction bits stay, so the value is scaled by 2^bits.</summary>
    public static ArithmeticShare<T> ShiftLeft<T>(ArithmeticShare<T> x, int bits)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var r = ArithmeticShare<T>.Zeros(x.Shape, x.Format);
        RingKernels.ShiftLeft(x.First, bits, r.First);
        RingKernels.ShiftLeft(x.Second, bits, r.Second);
        return r;
    }

    /// <summary>The format of a product: the ring of the operands and the sum of their fraction bits.</summary>
    internal static FixedPointFormat ProductFormat(string operation, FixedPointFormat x, int otherFractionBits)
    {
        var f = x.FractionBits + otherFractionBits;
        if (f > x.RingBits - 2)
        {
            throw new ArgumentException($"{operation}: the product of {x} and a value with {otherFractionBits} fraction bits has {f} fraction bits, more than a {x.RingBits}-bit ring can hold; truncate an operand first.");
        }

        return new FixedPointFormat(x.RingBits, f);
    }
}
