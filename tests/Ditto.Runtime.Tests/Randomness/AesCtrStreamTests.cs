using System.Security.Cryptography;
using Ditto.Runtime.Randomness;

namespace Ditto.Runtime.Tests.Randomness;

public class AesCtrStreamTests
{
    [Fact]
    public void StreamIsAesOfTheBlockCounter()
    {
        var seed = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        using var stream = new AesCtrStream(seed);
        var drawn = new byte[80];
        stream.FillBytes(drawn.AsSpan(0, 40));
        stream.FillBytes(drawn.AsSpan(40, 40));

        using var aes = Aes.Create();
        aes.Key = seed;
        var expected = new List<byte>();
        for (ulong counter = 0; counter < 6; counter++)
        {
            var block = new byte[16];
            BitConverter.TryWriteBytes(block, counter);
            expected.AddRange(aes.EncryptEcb(block, PaddingMode.None));
        }

        // 40 bytes use 3 blocks (the tail block's rest is dropped), so the second draw starts at block 3.
        Assert.Equal(expected.Take(40), drawn.Take(40));
        Assert.Equal(expected.Skip(48).Take(40), drawn.Skip(40));
    }

    [Fact]
    public void SameSeedSameDrawsDifferentSeedDifferentDraws()
    {
        using var a = new AesCtrStream(new byte[16]);
        using var b = new AesCtrStream(new byte[16]);
        var seed = new byte[16];
        seed[0] = 1;
        using var c = new AesCtrStream(seed);
        var (x, y, z) = (new ulong[1000], new ulong[1000], new ulong[1000]);
        a.Fill<ulong>(x);
        b.Fill<ulong>(y);
        c.Fill<ulong>(z);
        Assert.Equal(x, y);
        Assert.NotEqual(x, z);
    }

    [Fact]
    public void WrongSeedLengthIsRefused() =>
        Assert.Contains("16 bytes", Assert.Throws<ArgumentException>(() => new AesCtrStream(new byte[8])).Message);
}
