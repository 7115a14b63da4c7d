using System.Numerics;
using System.Runtime.CompilerServices;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Boolean;

/// <summary>
/// x·b for an arithmetic x and a 1-bit boolean b (ABY3 §5.4's [a]^A[b]^B; SPU MulA1B), the building block of select, max
/// and ReLU. With roles A, B, C: α = x_A + x_(A+1) and β_a = b_A ⊕ b_(A+1) are A's; γ = x_(A+2), β_b = b_(A+2) and
/// σ = 1 − 2β_b are known to B and C. Then b = β_b + σβ_a and
/// x·b = x·β_b + σ·β_a·x_(A+2) + σ·(αβ_a).
/// The first term is local to B and C (each knows β_b and its components of x); the other two are A's values (β_a and αβ_a)
/// times values B and C know, so A sends them masked by ρ1, ρ2 from the A–C stream: B uses the masked values, C the masks.
/// B and C end with a 2-of-2 sharing and reshare it (<see cref="PairReshare"/>).
/// Cost per element: 2 words from A, one each from B and C: 4k bits (32 B at k = 64, 16 B at k = 32), 2 rounds.
/// SPU: 8k bits (64 / 32 B), 2 rounds.
/// </summary>
public static class BitMultiplication
{
    /// <summary>Multiplying n elements by shared bits (MulA1B): four words per element; 2 rounds.</summary>
    public static ProtocolCost Cost(int k, long n) => new(4.0 * n * k / 8, 2);

    /// <summary>x·b element-wise (same shape; b has one bit). The format of x is kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ArithmeticShare<T> MultiplyBit<T>(this Party party, ArithmeticShare<T> x, BooleanShare b)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        ShareChecks.SameShape("multiply by bit", x.Shape, b.Shape);
        using var _ = party.Ledger.Protocol("mul-bit");
        var n = x.Length;
        var roles = party.NextRoles();
        T[]? y = null;
        if (party.Id == roles.A)
        {
            var masks = GC.AllocateUninitializedArray<T>(2 * n);
            party.Random.WithPrevious.Fill<T>(masks);
            for (var i = 0; i < n; i++)
            {
                var bit = T.CreateTruncating((b.First[i] ^ b.Second[i]) & 1);
                masks[i] = bit - masks[i];
                masks[n + i] = ((x.First[i] + x.Second[i]) * bit) - masks[n + i];
            }

            party.Comm.Send<T>(roles.B, masks);
        }
        else
        {
            var isB = party.Id == roles.B;
            var values = GC.AllocateUninitializedArray<T>(2 * n);
            if (isB)
            {
                party.Comm.Receive<T>(roles.A, values);
            }
            else
            {
                party.Random.WithNext.Fill<T>(values);
            }

            y = GC.AllocateUninitializedArray<T>(n);
            for (var i = 0; i < n; i++)
            {
                // B holds (x_(A+1), x_(A+2)) and b_(A+2) second; C holds (x_(A+2), x_A) and b_(A+2) first.
                var gamma = isB ? x.Second[i] : x.First[i];
                var betaB = (isB ? b.Second[i] : b.First[i]) & 1;
                var sigma = betaB == 0 ? T.One : T.AllBitsSet;
                var local = betaB == 0 ? T.Zero : (isB ? x.First[i] + x.Second[i] : x.Second[i]);
                y[i] = local + (sigma * ((values[i] * gamma) + values[n + i]));
            }
        }

        var (first, second) = PairReshare.Add(party, roles, y, n);
        return new ArithmeticShare<T>(x.Shape, x.Format, first, second);
    }
}
