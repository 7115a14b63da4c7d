using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Conversion;

/// <summary>
/// Upcast by high-part sharing: 32-bit shares become 64-bit shares of the same signed value, needing |x| &lt; 2^30
/// (k = 32, K = 64). It follows the wrap analysis of TruncAPr2 (eprint 2025/200 Alg. 4) and replaces the mask-and-open
/// of Ditto §3 Algorithm 1 / SPU CastRing.
/// <para>
/// Roles A = pivot, B = A+1, C = A+2. As integers, S = x_A + x_{A+1}, a = S mod 2^k, w_A = [S ≥ 2^k], b = x_{A+2};
/// t = [a ≥ 2^(k−2)] and u = [(a − 2^(k−2)) mod 2^k ≥ 2^(k−1)] (A knows w_A, t, u), v = [b ≥ 2^(k−1)] (B and C know v).
/// While |x| &lt; 2^(k−2), a + b = x + (t + u·v)·2^k, so the signed x = x_0 + x_1 + x_2 − (w_A + t + u·v)·2^k over the
/// integers. The parties form a replicated sharing of H = −(w_A + t + u·v) in Z_2^(K−k) = Z_2^32, with components h_A,
/// h_{A+1}, h_{A+2} attached to the matching share components, and output x'_i = x_i + 2^k·h_i: the low k bits of every
/// share stay as they were, and x'_0 + x'_1 + x'_2 = x (mod 2^K). With T_A = −(w_A + t), H = T_A − u·v, and the product
/// u·v needs no dealer because B and C both know v: A sends e = u − r, so u·v = e·v + r·v.
/// </para>
/// <para>
/// <b>Two rounds</b> (default). r, κ, ρ from the A–C stream, λ from the A–B stream. Round 1: A → B e and
/// h_{A+1} = T_A + λ − κ − ρ; C → B q = r·v − κ. Round 2: B → C β = e·v + λ. Components: h_A = ρ (A, C), h_{A+1} (A, B),
/// h_{A+2} = −β − q (B, C). Sum: T_A − (e + r)·v = H. Cost: 4·32 bits = 16 bytes per element in total (A 8, B 4, C 4),
/// 2 rounds, nothing ahead.
/// </para>
/// <para>
/// <b>One round.</b> h_A = ρ, h_{A+1} = λ (no messages); h_{A+2} = T_A − ρ − λ − u·v is computed by B and C separately,
/// each with its own masked product. r, κ, ρ from the A–C stream; r₂, κ₂, λ from the A–B stream. A → B: e = u − r and
/// d = T_A − ρ + κ; C → B: g = r·v + κ; A → C: e₂ = u − r₂ and d₂ = T_A − λ + κ₂; B → C: g₂ = r₂·v + κ₂; all at once.
/// B: h_{A+2} = d − λ − e·v − g; C: h_{A+2} = d₂ − ρ − e₂·v − g₂. Cost: 6·32 bits = 24 bytes per element in total, 1 round.
/// </para>
/// Every message is masked by a value from a pair stream its receiver does not hold. (The reference, mask-and-open with a
/// dealer: 40 bytes, 2 online rounds + 1 ahead.)
/// </summary>
public static class UpcastHighPart
{
    /// <summary>The two-round upcast of n elements from the k-bit ring: 4k bits in total per element; 2 rounds.</summary>
    public static ProtocolCost Cost(int k, long n) => new(4.0 * k / 8 * n, 2);

    /// <summary>The one-round upcast of n elements from the k-bit ring: 6k bits in total per element; 1 round.</summary>
    public static ProtocolCost OneRoundCost(int k, long n) => new(6.0 * k / 8 * n, 1);

    private const uint Quarter = 1u << 30;
    private const uint Half = 1u << 31;

    /// <summary>The two-round high-part upcast (16 bytes per element in total). Keeps the fraction bits.</summary>
    public static ArithmeticShare<ulong> TwoRounds(Party party, ArithmeticShare<uint> x)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(x);
        using var _ = party.Ledger.Protocol("upcast");
        var roles = party.NextRoles();
        var n = x.Length;
        var comm = party.Comm;
        var hFirst = new uint[n];
        var hSecond = new uint[n];
        if (party.Id == roles.A)
        {
            var (tA, u) = Local(x);
            var r = new uint[n];
            var kappa = new uint[n];
            var lambda = new uint[n];
            party.Random.WithPrevious.Fill<uint>(r);
            party.Random.WithPrevious.Fill<uint>(kappa);
            party.Random.WithPrevious.Fill<uint>(hFirst); // ρ = h_A
            party.Random.WithNext.Fill<uint>(lambda);
            var message = new uint[2 * n];
            for (var i = 0; i < n; i++)
            {
                message[i] = u[i] - r[i];
                hSecond[i] = tA[i] + lambda[i] - kappa[i] - hFirst[i];
                message[n + i] = hSecond[i];
            }

            comm.Send<uint>(roles.B, message);
        }
        else if (party.Id == roles.B)
        {
            var lambda = new uint[n];
            party.Random.WithPrevious.Fill<uint>(lambda);
            var fromA = new uint[2 * n];
            var q = new uint[n];
            comm.Receive<uint>(roles.A, fromA);
            comm.Receive<uint>(roles.C, q);
            var beta = new uint[n];
            for (var i = 0; i < n; i++)
            {
                beta[i] = (x.Second[i] >= Half ? fromA[i] : 0u) + lambda[i];
                hFirst[i] = fromA[n + i];
                hSecond[i] = 0u - beta[i] - q[i];
            }

            comm.Send<uint>(roles.C, beta);
        }
        else
        {
            var r = new uint[n];
            var kappa = new uint[n];
            party.Random.WithNext.Fill<uint>(r);
            party.Random.WithNext.Fill<uint>(kappa);
            party.Random.WithNext.Fill<uint>(hSecond); // ρ = h_A
            var q = new uint[n];
            for (var i = 0; i < n; i++)
            {
                q[i] = (x.First[i] >= Half ? r[i] : 0u) - kappa[i];
            }

            comm.Send<uint>(roles.B, q);
            var beta = new uint[n];
            comm.Receive<uint>(roles.B, beta);
            for (var i = 0; i < n; i++)
            {
                hFirst[i] = 0u - beta[i] - q[i];
            }
        }

        return Attach(x, hFirst, hSecond);
    }

    /// <summary>The one-round high-part upcast (24 bytes per element in total). Keeps the fraction bits.</summary>
    public static ArithmeticShare<ulong> OneRound(Party party, ArithmeticShare<uint> x)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(x);
        using var _ = party.Ledger.Protocol("upcast-1round");
        var roles = party.NextRoles();
        var n = x.Length;
        var comm = party.Comm;
        var hFirst = new uint[n];
        var hSecond = new uint[n];
        if (party.Id == roles.A)
        {
            var (tA, u) = Local(x);
            var (r, kappa) = (new uint[n], new uint[n]);
            var (r2, kappa2) = (new uint[n], new uint[n]);
            party.Random.WithPrevious.Fill<uint>(r);
            party.Random.WithPrevious.Fill<uint>(kappa);
            party.Random.WithPrevious.Fill<uint>(hFirst); // ρ = h_A
            party.Random.WithNext.Fill<uint>(r2);
            party.Random.WithNext.Fill<uint>(kappa2);
            party.Random.WithNext.Fill<uint>(hSecond); // λ = h_{A+1}
            var toB = new uint[2 * n];
            var toC = new uint[2 * n];
            for (var i = 0; i < n; i++)
            {
                toB[i] = u[i] - r[i];
                toB[n + i] = tA[i] - hFirst[i] + kappa[i];
                toC[i] = u[i] - r2[i];
                toC[n + i] = tA[i] - hSecond[i] + kappa2[i];
            }

            comm.Send<uint>(roles.B, toB);
            comm.Send<uint>(roles.C, toC);
        }
        else
        {
            // B and C run the same steps with their roles' streams: B's partner stream with A is WithPrevious, C's is WithNext.
            var isB = party.Id == roles.B;
            var withA = isB ? party.Random.WithPrevious : party.Random.WithNext;
            var other = isB ? roles.C : roles.B;
            var (r, kappa, ownMask) = (new uint[n], new uint[n], new uint[n]);
            withA.Fill<uint>(r);
            withA.Fill<uint>(kappa);
            withA.Fill<uint>(ownMask); // B: λ = h_{A+1}; C: ρ = h_A
            var b = isB ? x.Second : x.First;
            var g = new uint[n];
            for (var i = 0; i < n; i++)
            {
                g[i] = (b[i] >= Half ? r[i] : 0u) + kappa[i];
            }

            // B receives C's g (masked by κ of the A–C stream) and sends its own g₂ to C, and vice versa.
            comm.Send<uint>(other, g);
            var fromA = new uint[2 * n];
            var fromOther = new uint[n];
            comm.Receive<uint>(roles.A, fromA);
            comm.Receive<uint>(other, fromOther);
            var high = new uint[n];
            for (var i = 0; i < n; i++)
            {
                var ev = b[i] >= Half ? fromA[i] : 0u;
                high[i] = fromA[n + i] - ownMask[i] - ev - fromOther[i];
            }

            if (isB)
            {
                (hFirst, hSecond) = (ownMask, high);
            }
            else
            {
                (hFirst, hSecond) = (high, ownMask);
            }
        }

        return Attach(x, hFirst, hSecond);
    }

    /// <summary>A's local values: T_A = −(w_A + t) and u, both in Z_2^32.</summary>
    private static (uint[] TA, uint[] U) Local(ArithmeticShare<uint> x)
    {
        var n = x.Length;
        var tA = new uint[n];
        var u = new uint[n];
        for (var i = 0; i < n; i++)
        {
            var s = (ulong)x.First[i] + x.Second[i];
            var a = (uint)s;
            var w = (uint)(s >> 32);
            var t = a >= Quarter ? 1u : 0u;
            tA[i] = 0u - (w + t);
            u[i] = a - Quarter >= Half ? 1u : 0u;
        }

        return (tA, u);
    }

    /// <summary>x'_i = x_i + 2^32·h_i for this party's two components, in the 64-bit ring with the same fraction bits.</summary>
    private static ArithmeticShare<ulong> Attach(ArithmeticShare<uint> x, uint[] hFirst, uint[] hSecond)
    {
        var n = x.Length;
        var first = new ulong[n];
        var second = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            first[i] = x.First[i] | ((ulong)hFirst[i] << 32);
            second[i] = x.Second[i] | ((ulong)hSecond[i] << 32);
        }

        return new ArithmeticShare<ulong>(x.Shape, new FixedPointFormat(64, x.Format.FractionBits), first, second);
    }
}
