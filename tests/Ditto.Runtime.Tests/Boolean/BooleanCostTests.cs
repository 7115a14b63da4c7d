using System.Numerics;
using Ditto.Runtime.Engine;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Boolean;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Boolean;

/// <summary>
/// The ledger's counters equal each boolean protocol's cost formula (bytes per party, rounds), and the totals stay below
/// SecretFlow-SPU's reference figures (docs/protocols.md; reference/spu-protocols.md §5).
/// </summary>
public class BooleanCostTests
{
    private const int N = 1000;

    [Theory]
    [InlineData(32, 60, 7)]
    [InlineData(64, 108, 8)]
    public void MsbCostsTheFormulaAndBeatsTheReference(int ring, int referenceBytes, int referenceRounds)
    {
        var cost = Measure(ring, 1, (party, s) => s[0] is ArithmeticShare<uint> a ? party.Msb(a) : party.Msb((ArithmeticShare<ulong>)s[0]));
        var k = ring;
        var round1 = N * ((k / 8) + (11 * k / 32));
        var reshare = N * 2 * (k / 4) / 8;
        var tree = 0;
        for (var nodes = k / 4; nodes > 1; nodes /= 2)
        {
            tree += Packed(N, nodes - 1);
        }

        // A sends round 1 and the tree; B and C each send a reshare word and the tree; roles rotate, so compare sorted.
        Assert.Equal(new long[] { reshare + tree, reshare + tree, round1 + tree }, cost.BytesPerParty.Order().ToArray());
        Assert.Equal(ring == 64 ? 6 : 5, cost.Rounds);
        Assert.True(cost.BytesTotal < referenceBytes * N, $"{cost.BytesTotal / (double)N} B per element");
        Assert.True(cost.Rounds < referenceRounds);
    }

    internal static int Packed(int count, int bits) => ((count * bits) + 7) / 8;

    internal static CostRow Measure(int ring, int shares, Func<Party, IReadOnlyList<ArithmeticShare>, object> op, int n = N)
    {
        var format = new FixedPointFormat(ring, ring == 32 ? 8 : 18);
        var random = new Random(5);
        var values = Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 20) - 10)).ToArray();
        var result = Run(party =>
        {
            var inputs = Enumerable.Range(0, shares).Select(i => party.Share(i % 3, party.Id == i % 3 ? values : null, TensorShape.Vector(n), format)).ToList();
            using (party.Scope("op"))
            {
                return op(party, inputs);
            }
        });
        return result.Report.ForScope("op");
    }
}
