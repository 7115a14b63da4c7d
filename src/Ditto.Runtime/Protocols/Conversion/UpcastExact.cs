using System.Runtime.CompilerServices;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Boolean;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Conversion;

/// <summary>
/// The exact upcast: 32-bit shares become 64-bit shares of the same signed value for <b>every</b> x in [−2^31, 2^31), with
/// no range precondition. It attaches high halves as the high-part upcast does (<see cref="UpcastHighPart"/>), but finds
/// the wrap count with one carry bit from the boolean carry circuit instead of the range argument.
/// <para>
/// Roles A = pivot, B = A+1, C = A+2 (k = 32). As integers, S = x_A + x_{A+1}, a = S mod 2^k, w_A = [S ≥ 2^k] and
/// b = x_{A+2}. A also computes s_a = [a ≥ 2^(k−1)] and a' = (a + 2^(k−1)) mod 2^k. Let c' = [a' + b ≥ 2^k], the carry out
/// of a k-bit adder of A's a' and the b that B and C hold. Then the signed x = Σ x_i − 2^k·(w_A + s_a + c') for every x:
/// a + b + 2^(k−1) = (x + 2^(k−1)) + j·2^k with x + 2^(k−1) ∈ [0, 2^k), so j = ⌊(a + b + 2^(k−1))/2^k⌋ = s_a + c'.
/// The parties form a replicated sharing of H = −(w_A + s_a) − c' in Z_2^(K−k) = Z_2^32 and output x'_i = x_i + 2^k·h_i.
/// </para>
/// <para>
/// Steps. (1) Carry: the nibble round of the comparison (<see cref="NibbleRound"/>, on A's a', top bit kept) gives B and C
/// 2-of-2 shares of every nibble's generate G and of P_1 … P_(N−1) (N = k/4 = 8 nodes, no top-bit plane); they reshare
/// those 2N − 1 planes to replicated and the carry tree's log2 N AND levels reduce them to G_0 = c'. (2) B2A of c' to the
/// integer 1 in Z_2^32 (<see cref="BitInjection"/>), with the same roles. (3) T_A = −(w_A + s_a): component A is ρ from
/// the A–C stream, component A+1 is T_A − ρ, which A sends to B in the first round, component A+2 is 0. h = T − [c'].
/// </para>
/// Cost per element in total: A → B 15k/4 bits (the nibble round) + k bits (T_A − ρ); B and C 2N − 1 bits each (the
/// reshare); 3·(N − 1) bits over the tree's levels (7 + 3 + 1 per party); the B2A 3k bits. At k = 32:
/// 15 + 4 + 3.75 + 4.125 + 12 = 38.875 bytes (A 24.375, B and C 7.25 each); rounds: 1 (nibble round) + 1 (reshare)
/// + 3 (tree) + 2 (B2A) = 7. Every message is masked by pair-stream randomness its receiver does not hold, as in the
/// comparison and B2A protocols it is built from. (There is no exact upcast in Ditto or SPU: their CastRing needs
/// |x| &lt; 2^(k−2), like our fast upcasts.)
/// </summary>
public static class UpcastExact
{
    /// <summary>
    /// The exact upcast 32 → 64 bits of n elements: A sends the nibble round (k + 11k/4 bits), T_A − ρ (k bits) and the
    /// B2A's message (k bits) per element; B and C reshare 2N − 1 planes and the B2A's k bits each (N = k/4 = 8); every
    /// party sends N − 1, N/2 − 1, … planes over the carry tree's levels (7 + 3 + 1). 38.875 bytes per element; 7 rounds.
    /// </summary>
    public static ProtocolCost Cost(long n)
    {
        const int k = 32;
        var plane = ProtocolCost.PackedBytes(n, 1);
        var tree = (7 + 3 + 1) * plane;
        var a = (n * ((k / 8) + (11 * k / 32))) + (n * k / 8) + (n * k / 8) + tree;
        var bc = (15 * plane) + tree + (n * k / 8);
        return new(a + (2.0 * bc), 7);
    }

    private const int K = 32;
    private const int Nodes = K / 4;
    private const uint Half = 1u << 31;

    /// <summary>Extends x to the 64-bit ring (same fraction bits), exactly for every 32-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ArithmeticShare<ulong> Extend(Party party, ArithmeticShare<uint> x)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(x);
        using var _ = party.Ledger.Protocol("upcast-exact");
        var roles = party.NextRoles();
        var n = x.Length;
        var comm = party.Comm;
        var isA = party.Id == roles.A;
        var isB = party.Id == roles.B;

        // A runs the nibble round on a' = a + 2^(k−1): its own view of x with 2^(k−1) added to one of its components.
        var tA = isA ? new uint[n] : null;
        var view = x;
        if (isA)
        {
            var shifted = new uint[n];
            for (var i = 0; i < n; i++)
            {
                var s = (ulong)x.First[i] + x.Second[i];
                var a = (uint)s;
                var w = (uint)(s >> 32);
                tA![i] = 0u - (w + (a >= Half ? 1u : 0u));
                shifted[i] = x.First[i] + Half;
            }

            view = new ArithmeticShare<uint>(x.Shape, x.Format, shifted, x.Second);
        }

        var round = NibbleRound.Run(party, roles, view, clearTop: false);

        // T_A as a replicated sharing (ρ, T_A − ρ, 0) in components (A, A+1, A+2); its message travels in the first round.
        var tFirst = new uint[n];
        var tSecond = new uint[n];
        if (isA)
        {
            party.Random.WithPrevious.Fill<uint>(tFirst); // ρ, shared with C
            for (var i = 0; i < n; i++)
            {
                tSecond[i] = tA![i] - tFirst[i];
            }

            comm.Send<uint>(roles.B, tSecond);
        }
        else if (isB)
        {
            comm.Receive<uint>(roles.A, tFirst);
        }
        else
        {
            party.Random.WithNext.Fill<uint>(tSecond); // ρ, shared with A
        }

        // B and C: 2-of-2 shares of every nibble's G (planes 0..N−1) and P_1..P_(N−1) (planes N..2N−2) of a' + b.
        const int count = (2 * Nodes) - 1;
        ulong[][]? planes = null;
        if (!isA)
        {
            var y = new ulong[n];
            var nm = round.NibbleMask;
            Span<ulong> m = stackalloc ulong[16];
            Span<ulong> bm = stackalloc ulong[16];
            for (var i = 0; i < n; i++)
            {
                round.Monomials(i, m);
                NibbleRound.Planes(isB ? x.Second[i] : x.First[i], nm, bm);
                var g = NibbleRound.Generate(m, bm);
                var p = NibbleRound.Propagate(m, bm);
                y[i] = g | ((p >> 1) << Nodes);
            }

            planes = BitPlanes.FromWords(y, count);
        }

        var (first, second) = PairReshare.XorPlanes(party, roles, planes, count, n);

        // P_j sits at plane N − 1 + j, so the slice from plane N − 1 is indexed by j (its entry 0, G_(N−1), is never read as P_0).
        var carry = Comparison.CarryTree(party, first[..Nodes], second[..Nodes], first[(Nodes - 1)..], second[(Nodes - 1)..], Nodes, n);
        var bit = new BooleanShare(x.Shape, 1, BitPlanes.ToBits(carry.First, n), BitPlanes.ToBits(carry.Second, n));
        var c = BitInjection.InjectBits<uint>(party, roles, bit, new FixedPointFormat(K, 0), [[1L]])[0];

        // x'_i = x_i + 2^k·h_i with h = T − [c'].
        var wideFirst = new ulong[n];
        var wideSecond = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            wideFirst[i] = x.First[i] | ((ulong)(tFirst[i] - c.First[i]) << 32);
            wideSecond[i] = x.Second[i] | ((ulong)(tSecond[i] - c.Second[i]) << 32);
        }

        return new ArithmeticShare<ulong>(x.Shape, new FixedPointFormat(64, x.Format.FractionBits), wideFirst, wideSecond);
    }
}
