using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Protocols;

/// <summary>The ledger's counters equal each protocol's cost formula (bytes per party and rounds).</summary>
public class CostFormulaTests
{
    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void InputSharingCostsTwoWordsPerElementFromTheOwner(int ring)
    {
        var n = 1000;
        var cost = Measure(ring, n, shares: 0, (party, _) => party.Share(2, party.Id == 2 ? new float[n] : null, TensorShape.Vector(n), Format(ring)));
        Assert.Equal([0, 0, 2L * n * ring / 8], cost.BytesPerParty);
        Assert.Equal(1, cost.Rounds);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void MultiplyCostsOneWordPerElementPerPartyAndOneRound(int ring)
    {
        var n = 1000;
        var cost = Measure(ring, n, shares: 2, (party, s) => party.Multiply(s[0], s[1]));
        Assert.All(cost.BytesPerParty, b => Assert.Equal(n * ring / 8, b));
        Assert.Equal(1, cost.Rounds);
        Assert.Equal(0, cost.AheadRounds);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void MatMulCostsKTimesMTimesNBitsPerPartyAndOneRound(int ring)
    {
        var format = Format(ring);
        var result = Run(party =>
        {
            var x = party.Share(0, party.Id == 0 ? new float[128 * 768] : null, new TensorShape(128, 768), format);
            var w = party.Share(1, party.Id == 1 ? new float[768 * 768] : null, new TensorShape(768, 768), format);
            using (party.Scope("op"))
            {
                return party.MatMul(x, w).Shape;
            }
        });
        var cost = result.Report.ForScope("op");
        Assert.All(cost.BytesPerParty, b => Assert.Equal(128L * 768 * ring / 8, b));
        Assert.Equal(1, cost.Rounds);
    }

    [Theory]
    [InlineData(32, 8)]
    [InlineData(64, 18)]
    public void TruncationCostsTwoWordsAndTwoMBitsInTotalAndTwoRounds(int ring, int m)
    {
        var n = 1000;
        var cost = Measure(ring, n, shares: 1, (party, s) => party.Truncate(s[0], m), fraction: 2 * m);
        var packed = ((n * m) + 7) / 8;
        Assert.Equal((2L * n * ring / 8) + (2L * packed), cost.BytesTotal);
        // Roles rotate, so the three parties' figures are, in some order: C sends the packed q, B its reshare word, A both.
        Assert.Equal([packed, n * ring / 8, packed + (n * ring / 8)], cost.BytesPerParty.Order().ToArray());
        Assert.Equal(2, cost.Rounds);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void OpeningCostsOneWordPerPartyAndOpeningToOneCostsOneWord(int ring)
    {
        var n = 500;
        var all = Measure(ring, n, shares: 1, (party, s) =>
        {
            party.Open(s[0]);
            return s[0];
        });
        Assert.All(all.BytesPerParty, b => Assert.Equal(n * ring / 8, b));
        Assert.Equal(1, all.Rounds);
        var one = Measure(ring, n, shares: 1, (party, s) =>
        {
            party.OpenTo(s[0], 1);
            return s[0];
        });
        Assert.Equal([n * ring / 8, 0, 0], one.BytesPerParty);
    }

    private static FixedPointFormat Format(int ring, int? fraction = null) => new(ring, fraction ?? (ring == 32 ? 8 : 18));

    private static CostRow Measure(int ring, int n, int shares, Func<Party, IReadOnlyList<ArithmeticShare>, ArithmeticShare> op, int? fraction = null)
    {
        var format = Format(ring, fraction);
        var result = Run(party =>
        {
            var inputs = Enumerable.Range(0, shares).Select(i => party.Share(i % 3, party.Id == i % 3 ? new float[n] : null, TensorShape.Vector(n), format)).ToList();
            using (party.Scope("op"))
            {
                return op(party, inputs).Shape;
            }
        });
        return result.Report.ForScope("op");
    }
}
