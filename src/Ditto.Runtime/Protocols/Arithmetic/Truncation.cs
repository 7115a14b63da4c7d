using System.Numerics;
using System.Runtime.CompilerServices;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Arithmetic;

/// <summary>
/// Probabilistic truncation by m bits with one-bit error (after TruncAPr2, eprint 2025/200 Alg. 4; SPU main's default).
/// With roles A, B, C from the public pivot, A holds a = x_A + x_{A+1} and B (and C) hold b = x_{A+2}, so x = a + b − MW·2^k
/// with the wrap count MW = [a ≥ 2^(k−2)] + u·v, u = [(a − 2^(k−2)) mod 2^k ≥ 2^(k−1)] known to A and v = [b ≥ 2^(k−1)] known to
/// B and C, valid while |x| &lt; 2^(k−2). Only MW mod 2^m matters (it is multiplied by 2^(k−m)), so the product u·v is
/// formed in Z_2^m. Because the helper C knows v, the product needs no dealer triple: A sends e = u − r, C sends
/// q = r·v − s (r, s from the A–C stream), and B forms e·v + q. Then
/// y = ⌊a/2^m⌋ + ⌊b/2^m⌋ + 1 − MW·2^(k−m) = ⌊x/2^m⌋ + {0, 1}, and the 2-of-2 sharing (A, B) is reshared to replicated.
/// Cost per element: 2m bits (e, q) + 2k bits (reshare) in total, 2 rounds. At k = 64, m = 18: 20.5 bytes
/// (SPU's TruncAPr2: 28; Ditto's TruncAPr: 64). At k = 32, m = 8: 10 bytes (SPU: 20).
/// </summary>
public static class Truncation
{
    /// <summary>Truncation of n elements by m bits: two words per element (the reshare) and two packed m-bit messages (e, q); 2 rounds.</summary>
    public static ProtocolCost Cost(int k, int m, long n) => m <= 0 ? default : new((2.0 * n * k / 8) + (2.0 * ProtocolCost.PackedBytes(n, m)), 2);

    /// <summary>⌊x / 2^bits⌋ + {0, 1}; the result format has <paramref name="bits"/> fewer fraction bits. Needs |x| &lt; 2^(k−2).</summary>
    public static ArithmeticShare<T> Truncate<T>(this Party party, ArithmeticShare<T> x, int bits)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var k = RingInfo<T>.Bits;
        if (bits < 0 || bits > x.Format.FractionBits)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"truncate: cannot remove {bits} bits from {x.Format}; allowed 0..{x.Format.FractionBits}.");
        }

        var format = x.Format.WithFractionBits(x.Format.FractionBits - bits);
        if (bits == 0)
        {
            return x.Relabel(format);
        }

        using var _ = party.Ledger.Protocol("trunc");
        var y = TwoOfTwo(party, x, bits, k - bits, out var roles, out var first, out var second);
        return Reshare(party, roles, y, first, second, x.Shape, format);
    }

    /// <summary>Truncation for shares of either ring.</summary>
    public static ArithmeticShare Truncate(this Party party, ArithmeticShare x, int bits) =>
        RingDispatch.Map(x, s => party.Truncate(s, bits), s => party.Truncate(s, bits));

    /// <summary>
    /// The first round: A's y_A (masked by u' from the A–C stream) and B's y_B, with y_A + y_B = ⌊x/2^m⌋ + {0,1} − MW·2^wrapShift
    /// modulo 2^k. Returns the value this party contributes to the reshare and fills the components it already knows.
    /// Shared with the downcast, which uses wrapShift ≥ its target ring width so that the wrap term vanishes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static T[] TwoOfTwo<T>(Party party, ArithmeticShare<T> x, int m, int wrapShift, out Roles roles, out T[] first, out T[] second)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var k = RingInfo<T>.Bits;
        var n = x.Length;
        var needsWrap = wrapShift < k;
        roles = party.NextRoles();
        var comm = party.Comm;
        first = new T[n];
        second = new T[n];
        var contribution = GC.AllocateUninitializedArray<T>(n);
        if (party.Id == roles.A)
        {
            // r, s and the reshare mask u' come from the stream A shares with C (A's previous party).
            var r = needsWrap ? Draw<T>(party.Random.WithPrevious, n) : [];
            var s = needsWrap ? Draw<T>(party.Random.WithPrevious, n) : [];
            party.Random.WithPrevious.Fill<T>(first);
            var e = needsWrap ? GC.AllocateUninitializedArray<T>(n) : [];
            TruncationKernels.RoleA<T>(x.First, x.Second, r, s, first, e, contribution, m, wrapShift, needsWrap);
            if (needsWrap)
            {
                comm.SendBits<T>(roles.B, e, m);
            }
        }
        else if (party.Id == roles.B)
        {
            // w' comes from the stream B shares with C (B's next party).
            party.Random.WithNext.Fill<T>(second);
            var e = needsWrap ? GC.AllocateUninitializedArray<T>(n) : [];
            var q = needsWrap ? GC.AllocateUninitializedArray<T>(n) : [];
            if (needsWrap)
            {
                comm.ReceiveBits<T>(roles.A, e, m);
                comm.ReceiveBits<T>(roles.C, q, m);
            }

            TruncationKernels.RoleB<T>(x.Second, e, q, second, contribution, m, wrapShift, needsWrap);
        }
        else
        {
            var r = needsWrap ? Draw<T>(party.Random.WithNext, n) : [];
            var s = needsWrap ? Draw<T>(party.Random.WithNext, n) : [];
            party.Random.WithNext.Fill<T>(second);
            party.Random.WithPrevious.Fill<T>(first);
            if (needsWrap)
            {
                var q = GC.AllocateUninitializedArray<T>(n);
                TruncationKernels.RoleC<T>(x.First, r, s, q, m);
                comm.SendBits<T>(roles.B, q, m);
            }
        }

        return contribution;
    }

    private static T[] Draw<T>(Randomness.AesCtrStream stream, int n)
        where T : unmanaged
    {
        var values = GC.AllocateUninitializedArray<T>(n);
        stream.Fill<T>(values);
        return values;
    }

    /// <summary>
    /// 2-of-2 to replicated (pattern 2.2-2 of the reference): A and B exchange their masked values y − mask; the
    /// components are (u', y_A − u' + y_B − w', w') for parties (A, B, C) in share order. 1 round, 2 words in total.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static ArithmeticShare<TOut> Reshare<TOut>(Party party, Roles roles, TOut[] contribution, TOut[] first, TOut[] second, Tensors.TensorShape shape, FixedPointFormat format)
        where TOut : unmanaged, IBinaryInteger<TOut>, IUnsignedNumber<TOut>
    {
        var comm = party.Comm;
        if (party.Id == roles.A)
        {
            comm.Send<TOut>(roles.B, contribution);
            comm.Receive<TOut>(roles.B, second);
            System.Numerics.Tensors.TensorPrimitives.Add<TOut>(second, contribution, second);
        }
        else if (party.Id == roles.B)
        {
            comm.Send<TOut>(roles.A, contribution);
            comm.Receive<TOut>(roles.A, first);
            System.Numerics.Tensors.TensorPrimitives.Add<TOut>(first, contribution, first);
        }

        return new ArithmeticShare<TOut>(shape, format, first, second);
    }
}
