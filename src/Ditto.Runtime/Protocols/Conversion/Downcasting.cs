using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Conversion;

/// <summary>
/// Downcast: from the 64-bit ring to the 32-bit ring, removing m = f − f' fraction bits on the way (Ditto §3 Algorithm 4,
/// "Secure Down Cast"; SPU dtype_cast FXP high → low, then CastRing down).
/// <para>
/// <b>Fused</b> (default, m ≤ 32). Roles A, B, C come from the public pivot; A holds a = x_A + x_{A+1} and B holds
/// b = x_{A+2} (mod 2^64). For any x, ⌊a/2^m⌋ + ⌊b/2^m⌋ + 1 ≡ ⌊x/2^m⌋ + {0, 1} + W·2^(64−m) (mod 2^64) with an integer W,
/// and the last term vanishes mod 2^32 because 64 − m ≥ 32. So A takes (⌊a/2^m⌋ + 1) mod 2^32, B takes ⌊b/2^m⌋ mod 2^32,
/// and they reshare 2-of-2 → replicated in the small ring with 32-bit masks from the pair streams. No wrap term, no range
/// precondition beyond the result fitting the small ring. Cost: 2·32 bits = 8 bytes per element in total, 1 round
/// (the reference: a 64-bit truncation, 64 B with Ditto's TruncAPr, 28 B with SPU's TruncAPr2, 2 rounds).
/// Error: ⌊x/2^m⌋ or ⌊x/2^m⌋ + 1.
/// </para>
/// <para>
/// <b>TruncateThenReduce</b> (the reference, and the fallback for m &gt; 32): our 64-bit truncation (2·64 + 2m bits,
/// 2 rounds, needs |x| &lt; 2^62), then every share reduced mod 2^32 locally. Same error. With m = 0 both are the local
/// reduction alone (0 bytes, 0 rounds).
/// </para>
/// </summary>
public static class Downcasting
{
    /// <summary>The fused downcast of n elements to the 32-bit ring: two 32-bit words per element in total; 1 round.</summary>
    public static ProtocolCost FusedCost(long n) => new(2.0 * n * 32 / 8, 1);

    /// <summary>The largest m the fused protocol handles: the wrap term W·2^(64−m) must vanish mod 2^32.</summary>
    public const int MaxFusedBits = 32;

    /// <summary>
    /// x (64-bit ring, f fraction bits) as a 32-bit share with <paramref name="fractionBits"/> = f' ≤ f fraction bits:
    /// ⌊x/2^(f−f')⌋ + {0, 1}, reduced mod 2^32.
    /// </summary>
    public static ArithmeticShare<uint> Downcast(this Party party, ArithmeticShare<ulong> x, int fractionBits, DowncastMethod method = DowncastMethod.Fused)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (fractionBits < 0 || fractionBits > x.Format.FractionBits || fractionBits > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(fractionBits), fractionBits,
                $"downcast {x.Format} → 32-bit ring: the target keeps 0..{Math.Min(30, x.Format.FractionBits)} fraction bits (a downcast only removes fraction bits; add them afterwards with Cast), not {fractionBits}.");
        }

        var format = new FixedPointFormat(32, fractionBits);
        var m = x.Format.FractionBits - fractionBits;
        if (m == 0)
        {
            using var local = party.Ledger.Protocol("downcast");
            return Reduce(x, format);
        }

        if (method == DowncastMethod.Fused && m <= MaxFusedBits)
        {
            using var fused = party.Ledger.Protocol("downcast");
            return Fused(party, x, m, format);
        }

        using var _ = party.Ledger.Protocol("downcast-reference");
        return Reduce(party.Truncate(x, m), format);
    }

    /// <summary>The same for a share of unknown ring; throws naming the format when x is not in the 64-bit ring.</summary>
    public static ArithmeticShare Downcast(this Party party, ArithmeticShare x, int fractionBits, DowncastMethod method = DowncastMethod.Fused) =>
        party.Downcast(RingDispatch.Ring64($"downcast (64 → 32 bits, to fxp32.{fractionBits})", x), fractionBits, method);

    /// <summary>Reduces both shares mod 2^32 (a ring homomorphism: exact, local, free). The value must fit the small ring.</summary>
    internal static ArithmeticShare<uint> Reduce(ArithmeticShare<ulong> x, FixedPointFormat format)
    {
        var n = x.Length;
        var first = new uint[n];
        var second = new uint[n];
        for (var i = 0; i < n; i++)
        {
            first[i] = (uint)x.First[i];
            second[i] = (uint)x.Second[i];
        }

        return new ArithmeticShare<uint>(x.Shape, format, first, second);
    }

    private static ArithmeticShare<uint> Fused(Party party, ArithmeticShare<ulong> x, int m, FixedPointFormat format)
    {
        var roles = party.NextRoles();
        var n = x.Length;
        var first = new uint[n];
        var second = new uint[n];
        var contribution = new uint[n];
        if (party.Id == roles.A)
        {
            // u' (A's component x'_A) from the A–C stream, drawn as 32-bit values as C draws it.
            party.Random.WithPrevious.Fill<uint>(first);
            for (var i = 0; i < n; i++)
            {
                var a = x.First[i] + x.Second[i];
                contribution[i] = (uint)(a >> m) + 1u - first[i];
            }
        }
        else if (party.Id == roles.B)
        {
            // w' (B's component x'_{A+2}) from the B–C stream.
            party.Random.WithNext.Fill<uint>(second);
            for (var i = 0; i < n; i++)
            {
                contribution[i] = (uint)(x.Second[i] >> m) - second[i];
            }
        }
        else
        {
            party.Random.WithNext.Fill<uint>(second);
            party.Random.WithPrevious.Fill<uint>(first);
        }

        return Truncation.Reshare(party, roles, contribution, first, second, x.Shape, format);
    }
}
