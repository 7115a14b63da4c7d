using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Conversion;

/// <summary>The ledger's counters for each conversion equal its cost formula: bytes per party (in some order, as roles rotate), rounds, ahead rounds.</summary>
public class ConversionCostTests
{
    private const int N = 1000;

    [Theory]
    [InlineData(UpcastMethod.HighPart, new long[] { 4, 4, 8 }, 2, 0)] // 4k bits: A sends e and h_{A+1}, C q, B β
    [InlineData(UpcastMethod.HighPartOneRound, new long[] { 4, 4, 16 }, 1, 0)] // 6k bits: A sends 2 words to each, B and C one each
    [InlineData(UpcastMethod.MaskAndOpen, new long[] { 12, 12, 16 }, 2, 1)] // 2K + 2k + 2K bits: the dealer 2K ahead; A and B k + K each
    public void UpcastCostsItsFormula(UpcastMethod method, long[] bytesPerElement, int rounds, int ahead)
    {
        var cost = Measure<uint>(FixedPointFormat.Ring32, (party, x) => party.Upcast(x, method));
        Assert.Equal(bytesPerElement.Select(b => b * N), cost.BytesPerParty.Order());
        Assert.Equal(rounds, cost.Rounds);
        Assert.Equal(ahead, cost.AheadRounds);
    }

    [Fact]
    public void FusedDowncastCostsTwoSmallWordsAndOneRound()
    {
        var cost = Measure<ulong>(FixedPointFormat.Ring64, (party, x) => party.Downcast(x, 8, DowncastMethod.Fused));
        Assert.Equal(new long[] { 0, 4 * N, 4 * N }, cost.BytesPerParty.Order());
        Assert.Equal(8 * N, cost.BytesTotal);
        Assert.Equal(1, cost.Rounds);
        Assert.Equal(0, cost.AheadRounds);
    }

    [Fact]
    public void ReferenceDowncastCostsA64BitTruncation()
    {
        // Our truncation by m = 10 in Z_2^64: 2·64 + 2·10 bits per element, 2 rounds; the reduction is free.
        var cost = Measure<ulong>(FixedPointFormat.Ring64, (party, x) => party.Downcast(x, 8, DowncastMethod.TruncateThenReduce));
        var packed = ((N * 10) + 7) / 8;
        Assert.Equal((2L * 8 * N) + (2L * packed), cost.BytesTotal);
        Assert.Equal(2, cost.Rounds);
    }

    [Fact]
    public void LocalConversionsCostNothing()
    {
        // A downcast keeping the fraction bits is a local reduction; adding fraction bits is a local shift.
        Assert.Equal(0, Measure<ulong>(FixedPointFormat.Ring64, (party, x) => party.Downcast(x, 18)).BytesTotal);
        Assert.Equal(0, Measure<ulong>(FixedPointFormat.Ring64, (party, x) => party.Rescale(x, 24)).BytesTotal);
        Assert.Equal(0, Measure<uint>(FixedPointFormat.Ring32, (party, x) => party.Cast(x, new FixedPointFormat(32, 12))).Rounds);
    }

    [Fact]
    public void DittosCastsCostTheirDefaultProtocols()
    {
        var up = Measure<uint>(FixedPointFormat.Ring32, (party, x) => party.Cast(x, FixedPointFormat.Ring64));
        Assert.Equal(16 * N, up.BytesTotal);
        Assert.Equal(2, up.Rounds);
        var down = Measure<ulong>(FixedPointFormat.Ring64, (party, x) => party.Cast(x, FixedPointFormat.Ring32));
        Assert.Equal(8 * N, down.BytesTotal);
        Assert.Equal(1, down.Rounds);

        // Removing bits across an upcast truncates in the small ring first: (2·32 + 2·4) bits, then the upcast.
        var both = Measure<uint>(FixedPointFormat.Ring32, (party, x) => party.Cast(x, new FixedPointFormat(64, 4)));
        Assert.Equal((8 * N) + (2 * (((N * 4) + 7) / 8)) + (16 * N), both.BytesTotal);
        Assert.Equal(4, both.Rounds);
    }

    private static CostRow Measure<T>(FixedPointFormat format, Func<Party, ArithmeticShare<T>, ArithmeticShare> op)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>, System.Numerics.IUnsignedNumber<T>
    {
        var result = Run(party =>
        {
            var x = party.Share<T>(0, party.Id == 0 ? new float[N] : null, TensorShape.Vector(N), format);
            using (party.Scope("op"))
            {
                return op(party, x).Shape;
            }
        });
        return result.Report.ForScope("op");
    }
}
