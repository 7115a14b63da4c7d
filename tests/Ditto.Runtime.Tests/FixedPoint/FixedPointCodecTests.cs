using CsCheck;
using Ditto.Runtime.FixedPoint;

namespace Ditto.Runtime.Tests.FixedPoint;

public class FixedPointCodecTests
{
    [Theory]
    [InlineData(32, 8)]
    [InlineData(64, 18)]
    public void EncodeDecodeRoundTripsWithinHalfAnUlp(int ring, int fraction)
    {
        var format = new FixedPointFormat(ring, fraction);
        var bound = Math.Min(format.MaxMagnitude / 2, 1e6);
        Gen.Double[-bound, bound].Sample(v =>
        {
            var decoded = ring == 32
                ? FixedPointCodec.Decode(FixedPointCodec.Encode<uint>(v, format), fraction)
                : FixedPointCodec.Decode(FixedPointCodec.Encode<ulong>(v, format), fraction);
            return Math.Abs(decoded - v) <= (format.Ulp / 2) + (Math.Abs(v) * 1e-15);
        }, iter: 20000);
    }

    [Theory]
    [InlineData(32, 8)]
    [InlineData(64, 18)]
    public void EncodingSaturatesAtAQuarterOfTheRing(int ring, int fraction)
    {
        var format = new FixedPointFormat(ring, fraction);
        var limit = 1L << (ring - 2);
        Assert.Equal(limit - 1, FixedPointCodec.EncodeSigned(1e30, format));
        Assert.Equal(-limit, FixedPointCodec.EncodeSigned(-1e30, format));
        Assert.Equal(limit - 1, FixedPointCodec.EncodeSigned(double.PositiveInfinity, format));
        Assert.Equal(0, FixedPointCodec.EncodeSigned(double.NaN, format));
        Assert.Equal(-(1L << fraction), FixedPointCodec.EncodeSigned(-1.0, format));
    }

    [Fact]
    public void EncodingRoundsHalfToEven()
    {
        var format = new FixedPointFormat(32, 8);
        Assert.Equal(0, FixedPointCodec.EncodeSigned(0.5 / 256, format));
        Assert.Equal(2, FixedPointCodec.EncodeSigned(1.5 / 256, format));
        Assert.Equal(-2, FixedPointCodec.EncodeSigned(-1.5 / 256, format));
    }

    [Fact]
    public void NegativeValuesDecodeAsSigned()
    {
        var format = FixedPointFormat.Ring32;
        var encoded = FixedPointCodec.Encode<uint>(-3.25, format);
        Assert.Equal(uint.MaxValue - (uint)(3.25 * 256) + 1, encoded);
        Assert.Equal(-3.25, FixedPointCodec.Decode(encoded, 8));
    }

    [Theory]
    [InlineData(16, 8)]
    [InlineData(128, 18)]
    [InlineData(32, 31)]
    [InlineData(64, -1)]
    public void InvalidFormatsAreRefusedNamingTheValues(int ring, int fraction)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new FixedPointFormat(ring, fraction));
        Assert.Contains(ring == 16 || ring == 128 ? ring.ToString(System.Globalization.CultureInfo.InvariantCulture) : fraction.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void FormatParsesRingColonFraction()
    {
        Assert.Equal(new FixedPointFormat(32, 10), FixedPointFormat.Parse("32:10"));
        Assert.Throws<FormatException>(() => FixedPointFormat.Parse("32/10"));
        Assert.Equal("fxp64.18", FixedPointFormat.Ring64.ToString());
    }
}
