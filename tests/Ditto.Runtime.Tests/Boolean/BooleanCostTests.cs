using System.Numerics;
using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Protocols;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Boolean;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Boolean;

/// <summary>
/// The ledger's counters equal each boolean protocol's cost formula (bytes sent by each party, rounds), and the totals stay
/// below SecretFlow-SPU's reference figures (SPU's published costs, docs/protocols.md). Roles rotate from call to call, so per-party
/// figures are compared as sorted lists. N = 1000 elements.
/// </summary>
public class BooleanCostTests
{
    private const int N = 1000;

    [Theory]
    [InlineData(32, 60, 7)]
    [InlineData(64, 108, 8)]
    public void MsbCostsTheFormulaAndBeatsTheReference(int ring, int referenceBytes, int referenceRounds)
    {
        var cost = Measure(ring, 1, (e, s) => e.Msb(s[0]));
        var (round1, reshare, tree) = MsbParts(ring, rows: 1);
        Assert.Equal(Sorted(reshare + tree, reshare + tree, round1 + tree), Sorted(cost.BytesPerParty));
        Assert.Equal(ring == 64 ? 6 : 5, cost.Rounds);
        Assert.True(cost.BytesTotal < referenceBytes * N, $"{cost.BytesTotal / (double)N} B per element");
        Assert.True(cost.Rounds < referenceRounds);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void FurtherThresholdsShareTheFirstRound(int ring)
    {
        var cost = Measure(ring, 1, (e, s) => e.LessThan(s[0], [0, 5, -7]));
        var (round1, reshare, tree) = MsbParts(ring, rows: 3);
        Assert.Equal(Sorted(reshare + tree, reshare + tree, round1 + tree), Sorted(cost.BytesPerParty));
        Assert.Equal(ring == 64 ? 6 : 5, cost.Rounds);
    }

    [Theory]
    [InlineData(32, 34, 8)]
    [InlineData(64, 62, 9)]
    public void EqualityCostsTheFormulaAndLessThanTwoComparisons(int ring, int referenceBytes, int referenceRounds)
    {
        var cost = Measure(ring, 2, (e, s) => e.Equal(s[0], s[1]));
        var k = ring;
        var round1 = N * ((k / 8) + (11 * k / 32));
        // Reshare and AND levels are bit-sliced: ⌈N/8⌉ bytes per bit plane.
        var reshare = (k / 4) * Packed(N, 1);
        var tree = 0;
        for (var nodes = k / 4; nodes > 1; nodes /= 2)
        {
            tree += (nodes / 2) * Packed(N, 1);
        }

        Assert.Equal(Sorted(reshare + tree, reshare + tree, round1 + tree), Sorted(cost.BytesPerParty));
        Assert.Equal(ring == 64 ? 6 : 5, cost.Rounds);
        var msb = Measure(ring, 1, (e, s) => e.Msb(s[0]));
        Assert.True(cost.BytesTotal < 2 * msb.BytesTotal);
        Assert.True(cost.BytesTotal < referenceBytes * N);
        Assert.True(cost.Rounds < referenceRounds);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void AndCostsTheOperandWidthPerPartyBitPacked(int ring)
    {
        foreach (var width in new[] { 1, 7, ring })
        {
            var cost = Measure(ring, 1, (e, s) =>
            {
                var b = e.SliceBits(e.PublicBits(new ulong[N], TensorShape.Vector(N), ring), 0, width);
                return e.And(b, b);
            });
            Assert.All(cost.BytesPerParty, b => Assert.Equal(Packed(N, width), b));
            Assert.Equal(1, cost.Rounds);
        }
    }

    [Theory]
    [InlineData(32, 32)]
    [InlineData(64, 64)]
    public void MultiplyBitCostsFourWordsAndTwoRounds(int ring, int referenceBytes)
    {
        var cost = Measure(ring, 1, (e, s) => e.MultiplyBit(s[0], e.PublicBits(new ulong[N], TensorShape.Vector(N), 1)));
        Assert.Equal(Sorted(N * ring / 8, N * ring / 8, 2 * N * ring / 8), Sorted(cost.BytesPerParty));
        Assert.Equal(2, cost.Rounds);
        Assert.True(cost.BytesTotal < referenceBytes * N);
    }

    [Theory]
    [InlineData(32, 16, 160)]
    [InlineData(64, 32, 368)]
    public void BitInjectionCostsTheWeightWidthsPlusAReshare(int ring, int referenceBit, int referenceMultiBit)
    {
        var format = BooleanEngineTests.Format(ring);
        var single = Measure(ring, 1, (e, s) => e.ToArithmetic(e.PublicBits(new ulong[N], TensorShape.Vector(N), 1), format));
        Assert.Equal(Sorted(N * ring / 8, N * ring / 8, Packed(N, ring)), Sorted(single.BytesPerParty));
        Assert.Equal(2, single.Rounds);
        Assert.True(single.BytesTotal < referenceBit * N);

        var multi = Measure(ring, 1, (e, s) => e.ToArithmetic(e.PublicBits(new ulong[N], TensorShape.Vector(N), ring), format));
        var fromA = Enumerable.Range(0, ring).Sum(i => Packed(N, ring - i));
        Assert.Equal(Sorted(N * ring / 8, N * ring / 8, fromA), Sorted(multi.BytesPerParty));
        Assert.Equal(2, multi.Rounds);
        Assert.True(multi.BytesTotal < referenceMultiBit * N);
    }

    [Theory]
    [InlineData(32, 144, 7)]
    [InlineData(64, 336, 8)]
    public void BitDecompositionCostsTheFormula(int ring, int referenceBytes, int referenceRounds)
    {
        var cost = Measure(ring, 1, (e, s) => e.ToBits(s[0]));
        var positions = (1UL << (ring - 1)) - 1;
        var tree = 0;
        for (var s = 1; s < ring; s *= 2)
        {
            var (upper, withP, _) = BitDecomposition.Masks(s, positions);
            tree += Packed(N, BitOperations.PopCount(upper) + BitOperations.PopCount(withP));
        }

        var reshare = Packed(N, ring - 1);
        Assert.Equal(Sorted(reshare + tree, reshare + tree, (N * ring / 8) + tree), Sorted(cost.BytesPerParty));
        Assert.Equal(2 + BitOperations.Log2((uint)ring), cost.Rounds);
        Assert.Equal(referenceRounds, cost.Rounds);
        Assert.True(cost.BytesTotal < referenceBytes * N / 2, $"{cost.BytesTotal / (double)N} B per element");
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void PrefixOrCostsHalfTheWidthPerLevel(int ring)
    {
        var cost = Measure(ring, 1, (e, s) => e.PrefixOr(e.PublicBits(new ulong[N], TensorShape.Vector(N), ring)), "prefix-or");
        var levels = BitOperations.Log2((uint)ring);
        Assert.All(cost.BytesPerParty, b => Assert.Equal(levels * Packed(N, ring / 2), b));
        Assert.Equal(levels, cost.Rounds);
    }

    /// <summary>Two all-to-all exchanges of one byte: afterwards the three round clocks are equal, so a measured protocol starts level.</summary>
    internal static void Barrier(Ditto.Runtime.Parties.Party party)
    {
        var one = new byte[1];
        for (var step = 0; step < 2; step++)
        {
            party.Comm.SendBytes(party.Comm.Next, one, ahead: false);
            party.Comm.SendBytes(party.Comm.Previous, one, ahead: false);
            party.Comm.ReceiveBytes(party.Comm.Next, one);
            party.Comm.ReceiveBytes(party.Comm.Previous, one);
        }
    }

    internal static int Packed(int count, int bits) => ((count * bits) + 7) / 8;

    /// <summary>MSB bytes sent per party: A's round 1, B's and C's reshare, each party's AND levels (bit-sliced: ⌈n/8⌉ bytes per plane).</summary>
    internal static (int Round1, int Reshare, int Tree) MsbParts(int k, int rows)
    {
        var round1 = N * ((k / 8) + (11 * k / 32));
        var plane = Packed(rows * N, 1);
        var reshare = 2 * (k / 4) * plane;
        var tree = 0;
        for (var nodes = k / 4; nodes > 1; nodes /= 2)
        {
            tree += (nodes - 1) * plane;
        }

        return (round1, reshare, tree);
    }

    internal static long[] Sorted(params long[] bytes) => [.. bytes.Order()];

    /// <summary>Shares inputs, then measures the scope "op"; when <paramref name="protocol"/> is given, only that primitive's row.</summary>
    internal static CostRow Measure(int ring, int shares, Func<SecretEngine, IReadOnlyList<ArithmeticShare>, object> op, string? protocol = null)
    {
        var format = BooleanEngineTests.Format(ring);
        var values = EngineHarness.Uniform(5, N, -10, 10);
        var result = Run(party =>
        {
            var inputs = Enumerable.Range(0, shares).Select(i => party.Share(i % 3, party.Id == i % 3 ? values : null, TensorShape.Vector(N), format)).ToList();
            Barrier(party);
            using (party.Scope("op"))
            {
                return op(new SecretEngine(party), inputs);
            }
        });
        return protocol is null ? result.Report.ForScope("op") : result.Report.Primitives.Single(r => r.Name == protocol);
    }
}
