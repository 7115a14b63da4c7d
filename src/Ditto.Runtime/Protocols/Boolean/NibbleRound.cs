using System.Numerics;
using System.Runtime.CompilerServices;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;
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
/// Values are handled as bit planes: plane i of a word holds bit i of every nibble, compacted to k/4 bits (pext), so a
/// monomial of all nibbles is an AND of planes.
/// </summary>
internal sealed class NibbleRound
{
    /// <summary>The nonlinear monomials, as 4-bit sets of a nibble's bits.</summary>
    public static readonly int[] NonLinear = [3, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15];

    private readonly int _laneBytes;
    private readonly ulong _clear;

    private NibbleRound(int ringBits, ulong[] linear, byte[] lanes, bool isB, bool clearTop)
    {
        RingBits = ringBits;
        Linear = linear;
        Lanes = lanes;
        IsB = isB;
        NibbleMask = BitTricks.StrideMask(ringBits, 4, 0);
        LaneMask = BitTricks.LowMask(ringBits / 4);
        _laneBytes = ringBits / 32;
        _clear = clearTop ? ~(1UL << (ringBits - 1)) : ulong.MaxValue;
    }

    /// <summary>k.</summary>
    public int RingBits { get; }

    /// <summary>Bits 0, 4, 8, ... of the ring word.</summary>
    public ulong NibbleMask { get; }

    /// <summary>The k/4 low bits: one per nibble.</summary>
    public ulong LaneMask { get; }

    /// <summary>B: m = a ⊕ r. C: r. A: empty.</summary>
    public ulong[] Linear { get; }

    /// <summary>B: the masked monomials. C: the masks. A: empty.</summary>
    public byte[] Lanes { get; }

    /// <summary>True at B (whose share of the constant monomial is 1).</summary>
    public bool IsB { get; }

    /// <summary>Runs the round; every party returns its view (A's is empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static NibbleRound Run<T>(Party party, Roles roles, ArithmeticShare<T> x, bool clearTop)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var k = RingInfo<T>.Bits;
        var n = x.Length;
        var laneBytes = k / 32;
        var lanes = GC.AllocateUninitializedArray<byte>(n * NonLinear.Length * laneBytes);
        if (party.Id == roles.B)
        {
            var m = GC.AllocateUninitializedArray<T>(n);
            party.Comm.Receive<T>(roles.A, m);
            party.Comm.Receive<byte>(roles.A, lanes);
            return new NibbleRound(k, Widen(m), lanes, isB: true, clearTop);
        }

        var r = GC.AllocateUninitializedArray<T>(n);
        var stream = party.Id == roles.A ? party.Random.WithPrevious : party.Random.WithNext;
        stream.Fill<T>(r);
        stream.FillBytes(lanes);
        if (party.Id == roles.C)
        {
            return new NibbleRound(k, Widen(r), lanes, isB: false, clearTop);
        }

        var nm = BitTricks.StrideMask(k, 4, 0);
        var clear = clearTop ? ~(1UL << (k - 1)) : ulong.MaxValue;
        Span<ulong> mono = stackalloc ulong[16];
        for (var i = 0; i < n; i++)
        {
            var sum = x.First[i] + x.Second[i];
            var a = ulong.CreateTruncating(sum) & clear;
            r[i] = sum ^ r[i];
            Planes(a, nm, mono);
            var o = i * NonLinear.Length * laneBytes;
            foreach (var s in NonLinear)
            {
                var lane = mono[s];
                lanes[o] ^= (byte)lane;
                if (laneBytes == 2)
                {
                    lanes[o + 1] ^= (byte)(lane >> 8);
                }

                o += laneBytes;
            }
        }

        party.Comm.Send<T>(roles.B, r);
        party.Comm.Send<byte>(roles.B, lanes);
        return new NibbleRound(k, [], [], isB: false, clearTop);
    }

    /// <summary>This party's shares of the 16 monomials of element i's nibbles (each a k/4-bit plane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Monomials(int i, Span<ulong> mono)
    {
        var linear = Linear[i] & _clear;
        var nm = NibbleMask;
        mono[0] = IsB ? LaneMask : 0;
        mono[1] = BitTricks.Extract(linear, nm);
        mono[2] = BitTricks.Extract(linear, nm << 1);
        mono[4] = BitTricks.Extract(linear, nm << 2);
        mono[8] = BitTricks.Extract(linear, nm << 3);
        var o = i * NonLinear.Length * _laneBytes;
        var lanes = Lanes;
        foreach (var s in NonLinear)
        {
            mono[s] = _laneBytes == 2 ? lanes[o] | ((ulong)lanes[o + 1] << 8) : lanes[o];
            o += _laneBytes;
        }
    }

    /// <summary>All 16 monomials of a clear value's nibbles (bit planes and their products; entry 0 is all ones).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Planes(ulong v, ulong nm, Span<ulong> mono)
    {
        var b0 = BitTricks.Extract(v, nm);
        var b1 = BitTricks.Extract(v, nm << 1);
        var b2 = BitTricks.Extract(v, nm << 2);
        var b3 = BitTricks.Extract(v, nm << 3);
        mono[0] = BitTricks.Extract(ulong.MaxValue, nm);
        mono[1] = b0;
        mono[2] = b1;
        mono[3] = b0 & b1;
        mono[4] = b2;
        mono[5] = b0 & b2;
        mono[6] = b1 & b2;
        mono[7] = mono[3] & b2;
        mono[8] = b3;
        mono[9] = b0 & b3;
        mono[10] = b1 & b3;
        mono[11] = mono[3] & b3;
        mono[12] = b2 & b3;
        mono[13] = mono[5] & b3;
        mono[14] = mono[6] & b3;
        mono[15] = mono[7] & b3;
    }

    /// <summary>
    /// Share of each nibble's carry-out of a + b: the ANF of the 4-bit carry is ⊕_{S=1..15} a^S·b^(16−S)
    /// (S read as a 4-bit number), so the share is ⊕ M_S ∧ N_(16−S).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Generate(ReadOnlySpan<ulong> m, ReadOnlySpan<ulong> b) =>
        (m[1] & b[15]) ^ (m[2] & b[14]) ^ (m[3] & b[13]) ^ (m[4] & b[12]) ^ (m[5] & b[11]) ^ (m[6] & b[10]) ^ (m[7] & b[9])
        ^ (m[8] & b[8]) ^ (m[9] & b[7]) ^ (m[10] & b[6]) ^ (m[11] & b[5]) ^ (m[12] & b[4]) ^ (m[13] & b[3]) ^ (m[14] & b[2]) ^ (m[15] & b[1]);

    /// <summary>Share of each nibble's propagate Π(a_i ⊕ b_i) = ⊕_S a^S·b^(complement of S).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Propagate(ReadOnlySpan<ulong> m, ReadOnlySpan<ulong> b) =>
        (m[0] & b[15]) ^ (m[1] & b[14]) ^ (m[2] & b[13]) ^ (m[3] & b[12]) ^ (m[4] & b[11]) ^ (m[5] & b[10]) ^ (m[6] & b[9]) ^ (m[7] & b[8])
        ^ (m[8] & b[7]) ^ (m[9] & b[6]) ^ (m[10] & b[5]) ^ (m[11] & b[4]) ^ (m[12] & b[3]) ^ (m[13] & b[2]) ^ (m[14] & b[1]) ^ (m[15] & b[0]);

    private static ulong[] Widen<T>(T[] values)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        if (values is ulong[] same)
        {
            return same;
        }

        var r = GC.AllocateUninitializedArray<ulong>(values.Length);
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = ulong.CreateTruncating(values[i]);
        }

        return r;
    }
}
