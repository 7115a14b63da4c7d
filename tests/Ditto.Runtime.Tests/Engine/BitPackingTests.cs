using CsCheck;
using Ditto.Runtime.Parties;

namespace Ditto.Runtime.Tests.Engine;

public class BitPackingTests
{
    [Fact]
    public void PackThenUnpackKeepsTheLowBitsForEveryWidth()
    {
        Gen.Select(Gen.Int[1, 64], Gen.ULong.Array[0, 200]).Sample((bits, values) =>
        {
            var packed = new byte[BitPacking.PackedBytes(values.Length, bits)];
            BitPacking.Pack(values, bits, packed);
            var back = new ulong[values.Length];
            BitPacking.Unpack(packed, bits, back);
            var mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
            return values.Select(v => v & mask).SequenceEqual(back);
        }, iter: 2000);
    }

    [Theory]
    [InlineData(1000, 1, 125)]
    [InlineData(1000, 18, 2250)]
    [InlineData(3, 64, 24)]
    [InlineData(9, 1, 2)]
    public void PackedSizeIsTheBitCountRoundedUpToBytes(int count, int bits, int bytes) =>
        Assert.Equal(bytes, BitPacking.PackedBytes(count, bits));
}
