using System.Numerics;
using System.Runtime.CompilerServices;
using Ditto.Runtime.Engine;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Boolean;

/// <summary>
/// The first round shared by comparison and the zero test: it turns a replicated x = a + b (a = x_A + x_{A+1} known to A
/// alone, b = x_{A+2} known to B and C) into 2-of-2 XOR sharings, held by B and C, of every monomial of a's bits within
/// each 4-bit nibble. A sends B m = a ⊕ r (k bits) and, for the 11 monomials of degree 2 to 4 of each nibble, the
/// monomial XOR a mask from the A–C stream (11·k/4 bits). C regenerates r and the masks. So B holds m and the masked
/// monomials, C holds r and the masks, and for every monomial a^S the two XOR to a^S.
/// Because B and C both know b, any function f(a_nibble, b_nibble) = ⊕_S a^S·h_S(b) then has a 2-of-2 sharing that B
/// and C compute locally: ⊕_S M_S·h_S(b) with M_S their share of a^S. The carry circuits use this to replace the
/// first two levels of a carry tree with one message. Cost: 15k/4 bits from A to B per element (30 bytes at k = 64,
/// 15 at k = 32), 1 round, shared by every function of the same a.
/// </summary>
internal sealed class NibbleRound
{
    /// <summary>The nonlinear monomials, as 4-bit sets of a nibble's bits.</summary>
    public static readonly int[] NonLinear = [3, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15];

    private NibbleRound(int ringBits, ulong[] linear, byte[] lanes, bool isB, bool clearTop)
    {
        RingBits = ringBits;
        Linear = linear;
        Lanes = lanes;
        IsB = isB;
        ClearTop = clearTop;
        NibbleMask = BitTricks.StrideMask(ringBits, 4, 0);
        LaneBytes = ringBits / 32;
    }

    /// <summary>k.</summary>
    public int RingBits { get; }

    /// <summary>Bits 0, 4, 8, ... of the ring word: where each nibble keeps its monomials.</summary>
    public ulong NibbleMask { get; }

    /// <summary>B: m = a ⊕ r. C: r. A: empty.</summary>
    public ulong[] Linear { get; }

    /// <summary>B: the masked monomials. C: the masks. A: empty.</summary>
    public byte[] Lanes { get; }

    /// <summary>True at B (whose share of the constant monomial is 1).</summary>
    public bool IsB { get; }

    /// <summary>Whether a's top bit was cleared before the monomials (the comparison keeps it out of the carry).</summary>
    public bool ClearTop { get; }

    private int LaneBytes { get; }

    /// <summary>Runs the round; every party returns its view (A's is empty).</summary>
    public static NibbleRound Run<T>(Party party, Roles roles, ArithmeticShare<T> x, bool clearTop)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var k = RingInfo<T>.Bits;
        var n = x.Length;
        var laneBytes = k / 32;
        var nm = BitTricks.StrideMask(k, 4, 0);
        var top = clearTop ? ~(1UL << (k - 1)) : ulong.MaxValue;
        if (party.Id == roles.B)
        {
            var m = new T[n];
            var lanes = new byte[n * NonLinear.Length * laneBytes];
            party.Comm.Receive<T>(roles.A, m);
            party.Comm.Receive<byte>(roles.A, lanes);
            return new NibbleRound(k, Widen(m), lanes, isB: true, clearTop);
        }

        var r = new T[n];
        var masks = new byte[n * NonLinear.Length * laneBytes];
        var stream = party.Id == roles.A ? party.Random.WithPrevious : party.Random.WithNext;
        stream.Fill<T>(r);
        stream.FillBytes(masks);
        if (party.Id == roles.C)
        {
            return new NibbleRound(k, Widen(r), masks, isB: false, clearTop);
        }

        var message = new T[n];
        Span<ulong> bit = stackalloc ulong[4];
        for (var i = 0; i < n; i++)
        {
            var sum = x.First[i] + x.Second[i];
            message[i] = sum ^ r[i];
            var a = ulong.CreateTruncating(sum) & top;
            for (var j = 0; j < 4; j++)
            {
                bit[j] = (a >> j) & nm;
            }

            var o = i * NonLinear.Length * laneBytes;
            foreach (var s in NonLinear)
            {
                var mono = nm;
                for (var j = 0; j < 4; j++)
                {
                    if (((s >> j) & 1) != 0)
                    {
                        mono &= bit[j];
                    }
                }

                var lane = BitTricks.Extract(mono, nm);
                masks[o] ^= (byte)lane;
                if (laneBytes == 2)
                {
                    masks[o + 1] ^= (byte)(lane >> 8);
                }

                o += laneBytes;
            }
        }

        party.Comm.Send<T>(roles.B, message);
        party.Comm.Send<byte>(roles.B, masks);
        return new NibbleRound(k, [], [], isB: false, clearTop);
    }

    /// <summary>This party's shares of the 16 monomials of element i's nibbles (bit 4j of word S: a^S of nibble j).</summary>
    public void Expand(int i, Span<ulong> monomials)
    {
        var nm = NibbleMask;
        var linear = Linear[i];
        if (ClearTop)
        {
            linear &= ~(1UL << (RingBits - 1));
        }

        monomials[0] = IsB ? nm : 0;
        monomials[1] = linear & nm;
        monomials[2] = (linear >> 1) & nm;
        monomials[4] = (linear >> 2) & nm;
        monomials[8] = (linear >> 3) & nm;
        var o = i * NonLinear.Length * LaneBytes;
        foreach (var s in NonLinear)
        {
            ulong lane = Lanes[o];
            if (LaneBytes == 2)
            {
                lane |= (ulong)Lanes[o + 1] << 8;
            }

            monomials[s] = BitTricks.Deposit(lane, nm);
            o += LaneBytes;
        }
    }

    /// <summary>The 16 monomials of b's nibble bits (known to B and C in the clear).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PublicMonomials(ulong b, ulong nm, Span<ulong> monomials)
    {
        monomials[0] = nm;
        for (var t = 1; t < 16; t++)
        {
            var low = t & -t;
            monomials[t] = monomials[t ^ low] & (b >> BitOperations.TrailingZeroCount(low)) & nm;
        }
    }

    /// <summary>
    /// Share of each nibble's carry-out of a + b: the ANF of the 4-bit carry is ⊕_{S=1..15} a^S·b^(16−S)
    /// (S read as a 4-bit number), so the share is ⊕ M_S ∧ N_(16−S).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Generate(ReadOnlySpan<ulong> m, ReadOnlySpan<ulong> b)
    {
        ulong g = 0;
        for (var s = 1; s < 16; s++)
        {
            g ^= m[s] & b[16 - s];
        }

        return g;
    }

    /// <summary>Share of each nibble's propagate Π(a_i ⊕ b_i) = ⊕_S a^S·b^(complement of S).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Propagate(ReadOnlySpan<ulong> m, ReadOnlySpan<ulong> b)
    {
        ulong p = 0;
        for (var s = 0; s < 16; s++)
        {
            p ^= m[s] & b[15 - s];
        }

        return p;
    }

    private static ulong[] Widen<T>(T[] values)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var r = new ulong[values.Length];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = ulong.CreateTruncating(values[i]);
        }

        return r;
    }
}
