using Ditto.Runtime.Backends;
using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Protocols;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using Ditto.Runtime.Tests.Boolean;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Functions;

/// <summary>
/// Functions cost what their building blocks cost: the ledger equals the sum of the protocols' formulas, and the totals
/// stay below SPU's reference figures (max of two ≤ 172 / 92 B, 10 / 9 rounds) and CrypTen's softmax round count (116).
/// </summary>
public class FunctionCostTests
{
    private const int N = 1000;

    [Theory]
    [InlineData(32, 92, 9)]
    [InlineData(64, 172, 10)]
    public void MaxOfTwoAndReluCostOneComparisonAndOneMultiplyByBit(int ring, int referenceBytes, int referenceRounds)
    {
        var (round1, reshare, tree) = BooleanCostTests.MsbParts(ring, rows: 1);
        var expected = round1 + (2 * reshare) + (3 * tree) + (4 * N * ring / 8);
        foreach (var (name, shape) in new[] { ("max", new TensorShape(N, 2)), ("relu", TensorShape.Vector(N)) })
        {
            var cost = Measure(ring, shape, (f, x) => name == "max" ? f.Max(x) : f.Relu(x));
            Assert.Equal(expected, cost.BytesTotal);
            Assert.True(cost.BytesTotal < referenceBytes * N, $"{name}: {cost.BytesTotal / (double)N} B per output");
            Assert.InRange(cost.Rounds, 1, referenceRounds - 2);
        }
    }

    [Theory]
    [InlineData(32, 5)]
    [InlineData(64, 8)]
    public void ExpCoreCostsNFusedMultiplyTruncates(int ring, int n)
    {
        var format = FunctionEquivalenceTests.Format(ring);
        var (k, f) = (ring, format.FractionBits);
        var w = (k - 6) / 2;
        var cost = Measure(ring, TensorShape.Vector(N), (fn, x) => fn.ExpCore(x, n), -5, 0);

        // The fused products remove s = 2f + 2n − 1 − W bits, then W bits n − 2 times, then 2W − f bits; each costs four ring
        // words (B's and C's masked parts, the two reshare words) and two m-bit packed messages (docs/protocols.md).
        var shifts = new List<int> { (2 * f) + (2 * n) - 1 - w };
        shifts.AddRange(Enumerable.Repeat(w, n - 2));
        shifts.Add((2 * w) - f);
        Assert.Equal(shifts.Sum(m => (4L * N * k / 8) + (2 * BooleanCostTests.Packed(N, m))), cost.BytesTotal);
        // Each fused call is 3 rounds, so 3n in sequence; a call's last hop (B to A) can overlap the next call's first
        // messages, depending on which parties the pivots picked, so the critical path is between 2n + 1 and 3n.
        Assert.InRange(cost.Rounds, (2 * n) + 1, 3 * n);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void ExactSoftmaxOverRowsOf128TakesFewerRoundsThanCrypTen(int ring)
    {
        var cost = Measure(ring, new TensorShape(4, 128), (f, x) => f.Softmax(x, new Approximations { ExpIterations = 8 }, null, false), -10, 10);
        Assert.True(cost.Rounds < 116, $"{cost.Rounds} rounds");
    }

    private static CostRow Measure(int ring, TensorShape shape, Func<FixedPointFunctions<ArithmeticShare, BooleanShare>, ArithmeticShare, ArithmeticShare> op, double lo = -10, double hi = 10)
    {
        var format = FunctionEquivalenceTests.Format(ring);
        var values = EngineHarness.Uniform(9, shape.Elements, lo, hi);
        var result = Run(party =>
        {
            var e = new SecretEngine(party);
            var x = e.Input(values, shape, format, 0);
            BooleanCostTests.Barrier(party);
            using (party.Scope("op"))
            {
                return op(new FixedPointFunctions<ArithmeticShare, BooleanShare>(e), x).Length;
            }
        });
        return result.Report.ForScope("op");
    }
}
