using System.Numerics;
using System.Runtime.CompilerServices;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Boolean;

/// <summary>
/// B2A: public linear combinations Σ_i w_i·bit_i of a boolean share's bits, as arithmetic shares (bit injection, ABY3
/// §5.4.1 in spirit; one protocol for single bits, multi-bit values and weighted sums). Each bit is α_i ⊕ β_i with
/// α_i = A's two components and β_i = the third, known to B and C; as integers α_i ⊕ β_i = β_i + σ_i·α_i with
/// σ_i = 1 − 2β_i. A sends e_i = α_i − ρ_i modulo 2^(k − z_i) (ρ_i from the A–C stream; z_i = the trailing zero bits the
/// weights of bit i share, because w_i·e_i only needs e_i modulo 2^(k − z_i)); B computes Σ w_i(β_i + σ_i e_i), C computes
/// Σ w_i σ_i ρ_i, and the 2-of-2 result is reshared (<see cref="PairReshare"/>). Several weight vectors share A's message.
/// Cost per element: Σ_i (k − z_i) bits from A + 2k bits per output; 2 rounds. A single bit to the integer 1 costs 3k
/// (24 / 12 B at k = 64 / 32; SPU B2AByOT 32 / 16 B); a bit to fixed-point 1.0 costs 3k − f; a k-bit value
/// (weights 2^i) k(k+1)/2 + 2k bits: 276 B at k = 64, 74 B at k = 32, in 2 rounds (SPU B2AByPPA 368 / 160 B, 10 / 9 rounds).
/// </summary>
public static class BitInjection
{
    /// <summary>
    /// Bit injection (B2A) of n elements of a w-bit share into a k-bit ring with several weight vectors: A sends bit i
    /// modulo 2^(k − z_i), packed per bit (z_i: trailing zeros its weights share; nothing for all-zero weights); B and C
    /// reshare one word per element per weight vector each; 2 rounds.
    /// </summary>
    public static ProtocolCost Cost(int k, long n, IReadOnlyList<long[]> weights, int bits)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var fromA = Widths(k, weights, bits).Where(w => w > 0).Sum(w => ProtocolCost.PackedBytes(n, w));
        return new(fromA + (2.0 * weights.Count * n * k / 8), 2);
    }

    /// <summary>The integer value of the bits (Σ 2^i·bit_i, modulo 2^k) labelled with <paramref name="format"/>.</summary>
    public static ArithmeticShare<T> BitsToArithmetic<T>(this Party party, BooleanShare x, FixedPointFormat format)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var weights = new long[x.Bits];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = i >= 63 ? long.MinValue : 1L << i;
        }

        return party.InjectBits<T>(x, format, [weights])[0];
    }

    /// <summary>For each weight vector w (one weight per bit of x, as ring integers), Σ_i w_i·bit_i labelled with <paramref name="format"/>.</summary>
    public static ArithmeticShare<T>[] InjectBits<T>(this Party party, BooleanShare x, FixedPointFormat format, IReadOnlyList<long[]> weights)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        ArgumentNullException.ThrowIfNull(party);
        return InjectBits<T>(party, null, x, format, weights);
    }

    /// <summary>The same with given roles (a protocol that runs B2A as one of its steps keeps its own roles); null draws new ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static ArithmeticShare<T>[] InjectBits<T>(Party party, Roles? given, BooleanShare x, FixedPointFormat format, IReadOnlyList<long[]> weights)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var k = RingInfo<T>.Bits;
        if (format.RingBits != k)
        {
            throw new ArgumentException($"bit injection: format {format} is not a {k}-bit ring.", nameof(format));
        }

        if (weights.Count == 0 || weights.Any(w => w.Length != x.Bits))
        {
            throw new ArgumentException($"bit injection: give one or more weight vectors of {x.Bits} weights (one per bit of the share).", nameof(weights));
        }

        using var _ = party.Ledger.Protocol("b2a");
        var n = x.Length;
        var outputs = weights.Count;
        var widths = Widths(k, weights, x.Bits);
        var roles = given ?? party.NextRoles();
        T[]? y = null;
        if (party.Id == roles.A)
        {
            var message = new List<byte>();
            for (var i = 0; i < x.Bits; i++)
            {
                if (widths[i] == 0)
                {
                    continue;
                }

                var masks = Draw(party.Random.WithPrevious, n, widths[i]);
                for (var e = 0; e < n; e++)
                {
                    masks[e] = ((((x.First[e] ^ x.Second[e]) >> i) & 1) - masks[e]) & BitTricks.LowMask(widths[i]);
                }

                var packed = new byte[BitPacking.PackedBytes(n, widths[i])];
                BitPacking.Pack(masks, widths[i], packed);
                message.AddRange(packed);
            }

            party.Comm.Send<byte>(roles.B, message.ToArray());
        }
        else
        {
            var isB = party.Id == roles.B;
            var total = Enumerable.Range(0, x.Bits).Sum(i => widths[i] == 0 ? 0 : BitPacking.PackedBytes(n, widths[i]));
            var message = new byte[isB ? total : 0];
            if (isB)
            {
                party.Comm.Receive<byte>(roles.A, message);
            }

            y = new T[outputs * n];
            var offset = 0;
            var values = new ulong[n];
            for (var i = 0; i < x.Bits; i++)
            {
                if (widths[i] == 0)
                {
                    continue;
                }

                if (isB)
                {
                    var bytes = BitPacking.PackedBytes(n, widths[i]);
                    BitPacking.Unpack(message.AsSpan(offset, bytes), widths[i], values);
                    offset += bytes;
                }
                else
                {
                    values = Draw(party.Random.WithNext, n, widths[i]);
                }

                for (var v = 0; v < outputs; v++)
                {
                    var w = T.CreateTruncating(weights[v][i]);
                    if (w == T.Zero)
                    {
                        continue;
                    }

                    for (var e = 0; e < n; e++)
                    {
                        var beta = ((isB ? x.Second[e] : x.First[e]) >> i) & 1;
                        var masked = T.CreateTruncating(values[e]);
                        var term = beta == 0 ? masked : T.One - masked;
                        y[(v * n) + e] += w * (isB ? term : (beta == 0 ? masked : T.Zero - masked));
                    }
                }
            }
        }

        var (first, second) = PairReshare.Add(party, roles, y, outputs * n);
        var result = new ArithmeticShare<T>[outputs];
        for (var v = 0; v < outputs; v++)
        {
            result[v] = new ArithmeticShare<T>(x.Shape, format, first[(v * n)..((v + 1) * n)], second[(v * n)..((v + 1) * n)]);
        }

        return result;
    }

    /// <summary>Bits sent per element for bit i: k minus the trailing zeros all its weights share (0 when every weight is 0 mod 2^k).</summary>
    internal static int[] Widths(int k, IReadOnlyList<long[]> weights, int bits)
    {
        var widths = new int[bits];
        for (var i = 0; i < bits; i++)
        {
            var zeros = k;
            foreach (var w in weights)
            {
                var reduced = k == 64 ? (ulong)w[i] : (ulong)w[i] & uint.MaxValue;
                if (reduced != 0)
                {
                    zeros = Math.Min(zeros, BitOperations.TrailingZeroCount(reduced));
                }
            }

            widths[i] = k - zeros;
        }

        return widths;
    }

    private static ulong[] Draw(Randomness.AesCtrStream stream, int n, int bits)
    {
        var packed = new byte[BitPacking.PackedBytes(n, bits)];
        stream.FillBytes(packed);
        var values = new ulong[n];
        BitPacking.Unpack(packed, bits, values);
        return values;
    }
}
