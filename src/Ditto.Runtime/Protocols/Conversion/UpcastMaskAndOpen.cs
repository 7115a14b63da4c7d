using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Conversion;

/// <summary>
/// The reference upcast (Ditto §3 Algorithm 1, "Secure Up Cast"; SPU CastRing, cast-up branch): ring extension
/// 32 → 64 bits by mask-and-open with a dealer and the positive-bias trick. Needs |x| &lt; 2^30 (k = 32, K = 64).
/// <para>
/// Roles A = pivot, B = A+1 open; C = A+2 is the dealer, so the dealer rotates with the public pivot. C draws r ∈ Z_2^k from
/// its private stream and its top bit t, and shares both 2-of-2 in Z_2^K: A's halves r_A, t_A come from the A–C stream (no
/// message); C sends B's halves r_B = r − r_A, t_B = t − t_A ahead (they do not depend on x). A forms
/// c_A = x_A + x_{A+1} + 2^(k−2) + r_A and B forms c_B = x_{A+2} + r_B (mod 2^k); they swap them and open
/// c = x + 2^(k−2) + r mod 2^k, uniform because r is. The biased secret x + 2^(k−2) has a zero top bit, so the sum wrapped
/// iff t = 1 and c's top bit c_m = 0; each side computes its share of the wrap w_j = t_j·(1 − c_m). In Z_2^K:
/// y_A = c − r_A + 2^k·w_A − 2^(k−2) and y_B = −r_B + 2^k·w_B, with y_A + y_B = x. Then a 2-of-2 → replicated reshare in Z_2^K.
/// </para>
/// Cost per element: C → B 2K bits (ahead), A ↔ B 2k bits (open), A ↔ B 2K bits (reshare): 2K + 2k + 2K = 320 bits =
/// 40 bytes in total (C 16, A 12, B 12); 2 online rounds and 1 ahead round (3 hops when the dealer message is not sent ahead).
/// </summary>
public static class UpcastMaskAndOpen
{
    /// <summary>The dealer-based upcast of n elements from k to K bits: 2K + 2k + 2K bits per element in total; 2 rounds.</summary>
    public static ProtocolCost Cost(int k, int bigK, long n) => new(n * ((2.0 * bigK) + (2.0 * k) + (2.0 * bigK)) / 8, 2);

    private const uint Quarter = 1u << 30;

    /// <summary>Extends x to the 64-bit ring (same fraction bits).</summary>
    public static ArithmeticShare<ulong> Extend(Party party, ArithmeticShare<uint> x)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(x);
        using var _ = party.Ledger.Protocol("upcast-dealer");
        var roles = party.NextRoles();
        var n = x.Length;
        var comm = party.Comm;
        var first = new ulong[n];
        var second = new ulong[n];
        var contribution = new ulong[n];
        if (party.Id == roles.C)
        {
            var r = new uint[n];
            var rA = new ulong[n];
            var tA = new ulong[n];
            party.Random.Own.Fill<uint>(r);
            party.Random.WithNext.Fill<ulong>(rA);
            party.Random.WithNext.Fill<ulong>(tA);
            var toB = new ulong[2 * n];
            for (var i = 0; i < n; i++)
            {
                toB[i] = r[i] - rA[i];
                toB[n + i] = (ulong)(r[i] >> 31) - tA[i];
            }

            comm.SendAhead<ulong>(roles.B, toB);

            // The reshare masks: x'_A = u' (C–A stream) and x'_{A+2} = w' (B–C stream).
            party.Random.WithNext.Fill<ulong>(second);
            party.Random.WithPrevious.Fill<ulong>(first);
            return Truncation.Reshare(party, roles, contribution, first, second, x.Shape, new FixedPointFormat(64, x.Format.FractionBits));
        }

        ulong[] rMine;
        ulong[] tMine;
        var mine = new uint[n];
        var theirs = new uint[n];
        var isA = party.Id == roles.A;
        if (isA)
        {
            rMine = new ulong[n];
            tMine = new ulong[n];
            party.Random.WithPrevious.Fill<ulong>(rMine);
            party.Random.WithPrevious.Fill<ulong>(tMine);
            party.Random.WithPrevious.Fill<ulong>(first);
            for (var i = 0; i < n; i++)
            {
                mine[i] = x.First[i] + x.Second[i] + Quarter + (uint)rMine[i];
            }
        }
        else
        {
            var fromDealer = new ulong[2 * n];
            comm.Receive<ulong>(roles.C, fromDealer);
            rMine = fromDealer[..n];
            tMine = fromDealer[n..];
            party.Random.WithNext.Fill<ulong>(second);
            for (var i = 0; i < n; i++)
            {
                mine[i] = x.Second[i] + (uint)rMine[i];
            }
        }

        var peer = isA ? roles.B : roles.A;
        comm.Send<uint>(peer, mine);
        comm.Receive<uint>(peer, theirs);
        var masks = isA ? first : second;
        for (var i = 0; i < n; i++)
        {
            var c = mine[i] + theirs[i];
            var wrap = (c >> 31) == 0 ? tMine[i] : 0UL;
            var y = (wrap << 32) - rMine[i];
            if (isA)
            {
                y += c - (ulong)Quarter;
            }

            contribution[i] = y - masks[i];
        }

        return Truncation.Reshare(party, roles, contribution, first, second, x.Shape, new FixedPointFormat(64, x.Format.FractionBits));
    }
}
