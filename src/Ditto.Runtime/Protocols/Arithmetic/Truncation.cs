using System.Numerics;
using Ditto.Runtime.Engine;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Sharing;
using System.Runtime.CompilerServices;

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
    public static ArithmeticShare Truncate(this Party party, ArithmeticShare x, int bits) => x switch
    {
        ArithmeticShare<uint> s => party.Truncate(s, bits),
        ArithmeticShare<ulong> s => party.Truncate(s, bits),
        _ => throw new NotSupportedException($"Unknown share type {x.GetType().Name}."),
    };

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
        var quarter = RingInfo<T>.QuarterRing;
        var half = RingInfo<T>.HalfRing;
        var needsWrap = wrapShift < k;
        var mMask = m >= 64 ? ulong.MaxValue : (1UL << m) - 1;
        roles = party.NextRoles();
        var comm = party.Comm;
        first = new T[n];
        second = new T[n];
        var contribution = GC.AllocateUninitializedArray<T>(n);
        if (party.Id == roles.A)
        {
            var r = GC.AllocateUninitializedArray<T>(n);
            var s = GC.AllocateUninitializedArray<T>(n);
            if (needsWrap)
            {
                party.Random.WithPrevious.Fill<T>(r);
                party.Random.WithPrevious.Fill<T>(s);
            }

            party.Random.WithPrevious.Fill<T>(first);
            var e = new ulong[n];
            for (var i = 0; i < n; i++)
            {
                var a = x.First[i] + x.Second[i];
                var ya = (a >> m) + T.One;
                if (needsWrap)
                {
                    var t = a >= quarter ? T.One : T.Zero;
                    var u = (a - quarter) >= half ? T.One : T.Zero;
                    e[i] = ulong.CreateTruncating(u - r[i]) & mMask;
                    ya -= (t + s[i]) << wrapShift;
                }

                contribution[i] = ya - first[i];
            }

            if (needsWrap)
            {
                comm.SendBits(roles.B, e, m);
            }
        }
        else if (party.Id == roles.B)
        {
            party.Random.WithNext.Fill<T>(second);
            var e = new ulong[n];
            var q = new ulong[n];
            if (needsWrap)
            {
                comm.ReceiveBits(roles.A, e, m);
                comm.ReceiveBits(roles.C, q, m);
            }

            for (var i = 0; i < n; i++)
            {
                var b = x.Second[i];
                var yb = b >> m;
                if (needsWrap)
                {
                    var ev = b >= half ? e[i] : 0UL;
                    yb -= T.CreateTruncating(ev + q[i]) << wrapShift;
                }

                contribution[i] = yb - second[i];
            }
        }
        else
        {
            var r = GC.AllocateUninitializedArray<T>(n);
            var s = GC.AllocateUninitializedArray<T>(n);
            if (needsWrap)
            {
                party.Random.WithNext.Fill<T>(r);
                party.Random.WithNext.Fill<T>(s);
            }

            party.Random.WithNext.Fill<T>(second);
            party.Random.WithPrevious.Fill<T>(first);
            if (needsWrap)
            {
                var q = new ulong[n];
                for (var i = 0; i < n; i++)
                {
                    var v = x.First[i] >= half ? r[i] : T.Zero;
                    q[i] = ulong.CreateTruncating(v - s[i]) & mMask;
                }

                comm.SendBits(roles.B, q, m);
            }
        }

        return contribution;
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
        var n = contribution.Length;
        if (party.Id == roles.A)
        {
            comm.Send<TOut>(roles.B, contribution);
            comm.Receive<TOut>(roles.B, second);
            for (var i = 0; i < n; i++)
            {
                second[i] += contribution[i];
            }
        }
        else if (party.Id == roles.B)
        {
            comm.Send<TOut>(roles.A, contribution);
            comm.Receive<TOut>(roles.A, first);
            for (var i = 0; i < n; i++)
            {
                first[i] += contribution[i];
            }
        }

        return new ArithmeticShare<TOut>(shape, format, first, second);
    }
}
