using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Protocols;

/// <summary>Wrong shapes, formats or party ids give an exception naming them, quickly, on every party.</summary>
public class BadInputTests
{
    [Fact]
    public void AddingDifferentShapesNamesBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Run(party =>
        {
            var (x, y) = Pair<ulong>(party, new TensorShape(2, 3), new TensorShape(3, 2), FixedPointFormat.Ring64, FixedPointFormat.Ring64);
            return LocalArithmetic.Add(x, y);
        }));
        Assert.Contains("[2x3]", e.Message);
        Assert.Contains("[3x2]", e.Message);
    }

    [Fact]
    public void AddingDifferentFormatsNamesBothFormats()
    {
        var e = Assert.Throws<ArgumentException>(() => Run(party =>
        {
            var (x, y) = Pair<ulong>(party, TensorShape.Vector(4), TensorShape.Vector(4), FixedPointFormat.Ring64, new FixedPointFormat(64, 10));
            return LocalArithmetic.Add(x, y);
        }));
        Assert.Contains("fxp64.18", e.Message);
        Assert.Contains("fxp64.10", e.Message);
    }

    [Fact]
    public void MultiplyingAcrossRingsNamesBothFormats()
    {
        var e = Assert.Throws<ArgumentException>(() => Run(party =>
        {
            var x = party.Share(0, party.Id == 0 ? new float[4] : null, TensorShape.Vector(4), FixedPointFormat.Ring32);
            var y = party.Share(0, party.Id == 0 ? new float[4] : null, TensorShape.Vector(4), FixedPointFormat.Ring64);
            return party.Multiply(x, y);
        }));
        Assert.Contains("fxp32.8", e.Message);
        Assert.Contains("fxp64.18", e.Message);
    }

    [Fact]
    public void MatMulWithWrongInnerDimensionsNamesTheShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Run(party =>
        {
            var (x, y) = Pair<uint>(party, new TensorShape(4, 5), new TensorShape(6, 7), FixedPointFormat.Ring32, FixedPointFormat.Ring32);
            return party.MatMul(x, y);
        }));
        Assert.Contains("[4x5] · [6x7]", e.Message);
    }

    [Fact]
    public void ProductWhoseFractionBitsOverflowTheRingIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Run(party =>
        {
            var (x, y) = Pair<uint>(party, TensorShape.Vector(2), TensorShape.Vector(2), new FixedPointFormat(32, 16), new FixedPointFormat(32, 16));
            return party.Multiply(x, y);
        }));
        Assert.Contains("32 fraction bits", e.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void PartyIdOutOfRangeIsNamed(int owner)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Run(party => party.Share(owner, new float[1], TensorShape.Vector(1), FixedPointFormat.Ring32)));
        Assert.Contains(owner.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void OwnerWithTheWrongNumberOfValuesIsNamedAndNoPartyHangs()
    {
        var e = Assert.Throws<ArgumentException>(() => Run(party => party.Share(1, party.Id == 1 ? new float[3] : null, new TensorShape(2, 2), FixedPointFormat.Ring32), timeout: TimeSpan.FromSeconds(30)));
        Assert.Contains("[2x2]", e.Message);
        Assert.Contains("3 values", e.Message);
    }

    private static (ArithmeticShare<T> X, ArithmeticShare<T> Y) Pair<T>(Party party, TensorShape xs, TensorShape ys, FixedPointFormat xf, FixedPointFormat yf)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>, System.Numerics.IUnsignedNumber<T>
    {
        var x = party.Share<T>(0, party.Id == 0 ? new float[xs.Elements] : null, xs, xf);
        var y = party.Share<T>(1, party.Id == 1 ? new float[ys.Elements] : null, ys, yf);
        return (x, y);
    }
}
