using System.Numerics;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Boolean;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Conversion;

/// <summary>
/// Exact rounding of a probabilistic truncation: ⌊x/2^m⌋, whatever the share split. The truncation protocol returns
/// y = ⌊x/2^m⌋ + e, where the error bit e = 1 − [a_low + b_low ≥ 2^m] is fixed by the low bits of the 2-of-2 split
/// (a known to one party, b to the other two), so a party that also sees the revealed y learns something about x's
/// discarded bits (eprint 2024/1127; MP-SPDZ warns about the same for its probabilistic truncation). Here
/// d = x − 2^m·y = (x mod 2^m) − e·2^m lies in [−2^m, 2^m) and is negative exactly when e = 1, so e = msb(d) (the
/// comparison protocol, on a value far inside its range) and ⌊x/2^m⌋ = y − B2A(e) (bit injection of one bit). The
/// result is a function of x alone, equal to the emulator's arithmetic shift. Nothing is opened.
/// Cost per element: the MSB (47.75 B, 6 rounds at k = 64; 23.125 B, 5 rounds at k = 32) and one bit to the integer 1
/// (24 B / 12 B, 2 rounds): 71.75 B and 8 rounds at k = 64, 35.125 B and 7 rounds at k = 32, on top of the truncation
/// (one round fewer when the injection's roles let its first message overlap the MSB's last round).
/// Valid when y is the truncation of x by m bits and the truncation's own precondition |x| &lt; 2^(k−2) held.
/// </summary>
public static class ExactRounding
{
    /// <summary>The correction of n truncated elements: one MSB and one single-bit injection.</summary>
    public static ProtocolCost Cost(int k, long n) => Comparison.Cost(k, n, 1) + BitInjection.Cost(k, n, [[1L]], 1);

    /// <summary>⌊x / 2^m⌋ exactly, from x and its probabilistic truncation y = ⌊x / 2^m⌋ + {0, 1}.</summary>
    public static ArithmeticShare<T> RoundExactly<T>(this Party party, ArithmeticShare<T> x, ArithmeticShare<T> y, int m)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (m < 1 || x.Shape != y.Shape || y.Format.FractionBits != x.Format.FractionBits - m)
        {
            throw new ArgumentException($"exact rounding: [{y.Shape}] {y.Format} is not a truncation of [{x.Shape}] {x.Format} by {m} bits.");
        }

        using var _ = party.Ledger.Protocol("exact-round");
        var d = LocalArithmetic.Subtract(x, LocalArithmetic.MultiplyPublic(y.Relabel(x.Format), T.One << m));
        var error = party.Msb(d);
        var bit = party.InjectBits<T>(error, y.Format, [[1L]])[0];
        return LocalArithmetic.Subtract(y, bit);
    }

    /// <summary>The same for shares of either ring.</summary>
    public static ArithmeticShare RoundExactly(this Party party, ArithmeticShare x, ArithmeticShare y, int m) =>
        RingDispatch.Map("exact rounding", x, y, (a, b) => party.RoundExactly(a, b, m), (a, b) => party.RoundExactly(a, b, m));
}
