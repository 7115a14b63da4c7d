using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Arithmetic;

/// <summary>
/// A product followed by a truncation, fused: the product is never rotated into a replicated sharing. Each party forms
/// its 3-of-3 part z_i = x_i·y_i + x_i·y_(i+1) + x_(i+1)·y_i. With roles A, B, C from the pivot, B and C draw ρ1, ρ2 from
/// their common stream and send z_B + ρ1 and z_C + ρ2 to A, so A holds a = z + ρ1 + ρ2 and B and C both hold
/// b = −ρ1 − ρ2: exactly the 2-of-2 sharing with a helper that knows b which our TruncAPr2 variant (see
/// <see cref="Truncation"/>) starts from. The rest is that protocol: A sends e = u − r (m bits), C sends q = r·v − s
/// (m bits; C knows b from the start, so it goes in the first round), A and B reshare y_A and y_B.
/// Cost per element: 2k bits (the masked parts) + 2m (e, q) + 2k (reshare) = 4k + 2m, against 3k + 2k + 2m for a product
/// then a truncation: 36.5 B instead of 44.5 B at k = 64, m = 18; 18 B instead of 22 B at k = 32, m = 8. 3 rounds, as
/// before. Result ⌊x·y/2^m⌋ + {0, 1} whenever |x·y| &lt; 2^(k−2).
/// </summary>
public static class MultiplyTruncate
{
    /// <summary>The fused product and truncation by m bits of n elements: four words per element and two packed m-bit messages; 3 rounds.</summary>
    public static ProtocolCost Cost(int k, int m, long n) => new((4.0 * n * k / 8) + (2.0 * ProtocolCost.PackedBytes(n, m)), 3);

    /// <summary>⌊x·y / 2^bits⌋ + {0, 1} on the ring integers, labelled <paramref name="format"/> (same ring); x and y share a shape.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ArithmeticShare<T> MultiplyTruncated<T>(this Party party, ArithmeticShare<T> x, ArithmeticShare<T> y, int bits, FixedPointFormat format)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var k = RingInfo<T>.Bits;
        ShareChecks.SameShape("multiply-truncate", x.Shape, y.Shape);
        ShareChecks.SameRing("multiply-truncate", x.Format, y.Format);
        if (format.RingBits != k || bits < 1 || bits > k - 2)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"multiply-truncate: cannot shift by {bits} bits into {format} from {x.Format}.");
        }

        using var _ = party.Ledger.Protocol("mul-trunc");
        var n = x.Length;
        var m = bits;
        var roles = party.NextRoles();
        var comm = party.Comm;
        var quarter = RingInfo<T>.QuarterRing;
        var half = RingInfo<T>.HalfRing;
        var mMask = BitTricks(m);
        var first = GC.AllocateUninitializedArray<T>(n);
        var second = GC.AllocateUninitializedArray<T>(n);
        var contribution = GC.AllocateUninitializedArray<T>(n);
        var pool = ArrayPool<T>.Shared;
        var z = pool.Rent(n);
        var r = pool.Rent(n);
        var s = pool.Rent(n);
        try
        {
            for (var i = 0; i < n; i++)
            {
                z[i] = (x.First[i] * (y.First[i] + y.Second[i])) + (x.Second[i] * y.First[i]);
            }

            if (party.Id == roles.A)
            {
                // a = z_A + (z_B + ρ1) + (z_C + ρ2); e = u − r, y_A = ⌊a/2^m⌋ + 1 − (t + s)·2^(k−m), sent masked by u'.
                var fromB = pool.Rent(n);
                var fromC = pool.Rent(n);
                try
                {
                    party.Random.WithPrevious.Fill<T>(r.AsSpan(0, n));
                    party.Random.WithPrevious.Fill<T>(s.AsSpan(0, n));
                    party.Random.WithPrevious.Fill<T>(first);
                    comm.Receive<T>(roles.B, fromB.AsSpan(0, n));
                    comm.Receive<T>(roles.C, fromC.AsSpan(0, n));
                    var e = new ulong[n];
                    for (var i = 0; i < n; i++)
                    {
                        var a = z[i] + fromB[i] + fromC[i];
                        var t = a >= quarter ? T.One : T.Zero;
                        var u = (a - quarter) >= half ? T.One : T.Zero;
                        e[i] = ulong.CreateTruncating(u - r[i]) & mMask;
                        contribution[i] = (a >> m) + T.One - ((t + s[i]) << (k - m)) - first[i];
                    }

                    comm.SendBits(roles.B, e, m);
                    comm.Send<T>(roles.B, contribution);
                    comm.Receive<T>(roles.B, second);
                    for (var i = 0; i < n; i++)
                    {
                        second[i] += contribution[i];
                    }
                }
                finally
                {
                    pool.Return(fromB);
                    pool.Return(fromC);
                }
            }
            else
            {
                // B and C: b = −ρ1 − ρ2 and v = [b ≥ 2^(k−1)], known to both before any message.
                var isB = party.Id == roles.B;
                var rho1 = pool.Rent(n);
                var rho2 = pool.Rent(n);
                try
                {
                    var pair = isB ? party.Random.WithNext : party.Random.WithPrevious;
                    pair.Fill<T>(rho1.AsSpan(0, n));
                    pair.Fill<T>(rho2.AsSpan(0, n));
                    var own = isB ? rho1 : rho2;
                    for (var i = 0; i < n; i++)
                    {
                        z[i] += own[i];
                    }

                    comm.Send<T>(roles.A, z.AsSpan(0, n));
                    if (isB)
                    {
                        party.Random.WithNext.Fill<T>(second);
                        var e = new ulong[n];
                        var q = new ulong[n];
                        comm.ReceiveBits(roles.C, q, m);
                        comm.ReceiveBits(roles.A, e, m);
                        for (var i = 0; i < n; i++)
                        {
                            var b = T.Zero - rho1[i] - rho2[i];
                            var ev = b >= half ? e[i] : 0UL;
                            contribution[i] = (b >> m) - (T.CreateTruncating(ev + q[i]) << (k - m)) - second[i];
                        }

                        comm.Send<T>(roles.A, contribution);
                        comm.Receive<T>(roles.A, first);
                        for (var i = 0; i < n; i++)
                        {
                            first[i] += contribution[i];
                        }
                    }
                    else
                    {
                        party.Random.WithNext.Fill<T>(r.AsSpan(0, n));
                        party.Random.WithNext.Fill<T>(s.AsSpan(0, n));
                        party.Random.WithNext.Fill<T>(second);
                        party.Random.WithPrevious.Fill<T>(first);
                        var q = new ulong[n];
                        for (var i = 0; i < n; i++)
                        {
                            var b = T.Zero - rho1[i] - rho2[i];
                            var v = b >= half ? r[i] : T.Zero;
                            q[i] = ulong.CreateTruncating(v - s[i]) & mMask;
                        }

                        comm.SendBits(roles.B, q, m);
                    }
                }
                finally
                {
                    pool.Return(rho1);
                    pool.Return(rho2);
                }
            }
        }
        finally
        {
            pool.Return(z);
            pool.Return(r);
            pool.Return(s);
        }

        return new ArithmeticShare<T>(x.Shape, format, first, second);
    }

    private static ulong BitTricks(int m) => m >= 64 ? ulong.MaxValue : (1UL << m) - 1;

    /// <summary>The fused product for shares of either ring (both operands in the same ring).</summary>
    public static ArithmeticShare MultiplyTruncated(this Party party, ArithmeticShare x, ArithmeticShare y, int bits, FixedPointFormat format) =>
        RingDispatch.Map("multiply-truncate", x, y, (a, b) => party.MultiplyTruncated(a, b, bits, format), (a, b) => party.MultiplyTruncated(a, b, bits, format));
}
