using Ditto.Runtime.Engines.Clear;
using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Conversion;

/// <summary>Casts that cannot be done give an exception naming both formats, in the emulator and in the protocols alike.</summary>
public class ConversionBadInputTests
{
    [Theory]
    [InlineData("32:8", "32:28")] // same ring: 2 integer bits left
    [InlineData("32:8", "64:60")] // upcast, then a shift into 2 integer bits
    [InlineData("64:18", "32:30")] // downcast keeping 18 bits, then a shift into 0 integer bits
    [InlineData("64:18", "64:59")]
    public void AddingFractionBitsWithoutHeadroomIsRefusedNamingBothFormats(string fromText, string toText)
    {
        var (from, to) = (FixedPointFormat.Parse(fromText), FixedPointFormat.Parse(toText));
        var clear = Assert.Throws<ArgumentException>(() => new ClearEngine().Cast(ClearTensor.Encode([1f], TensorShape.Vector(1), from), to));
        var secret = Assert.Throws<ArgumentException>(() => Run(party =>
        {
            var engine = new SecretEngine(party);
            return engine.Cast(engine.Input(party.Id == 0 ? [1f] : null, TensorShape.Vector(1), from, 0), to);
        }));
        foreach (var e in new[] { clear, secret })
        {
            Assert.Contains(from.ToString(), e.Message);
            Assert.Contains(to.ToString(), e.Message);
            Assert.Contains("headroom", e.Message);
        }
    }

    [Fact]
    public void TheHeadroomRuleIsASetting()
    {
        var wide = new FixedPointFormat(32, 28);
        var plan = CastPlan.For(FixedPointFormat.Ring32, wide, minIntegerBits: 2);
        Assert.Equal(20, plan.ShiftBits);
        var relaxed = new ClearEngine { CastOptions = new CastOptions { MinIntegerBits = 2 } };
        var y = relaxed.Cast(ClearTensor.Encode([1.5f], TensorShape.Vector(1), FixedPointFormat.Ring32), wide);
        Assert.Equal(1.5f, y.Decode()[0]);
    }

    [Fact]
    public void UpcastingA64BitShareOrDowncastingA32BitShareNamesTheFormat()
    {
        var up = Assert.Throws<NotSupportedException>(() => Run(party =>
            party.Upcast(party.Share(0, party.Id == 0 ? [1f] : null, TensorShape.Vector(1), FixedPointFormat.Ring64))));
        Assert.Contains("fxp64.18", up.Message);
        var down = Assert.Throws<NotSupportedException>(() => Run(party =>
            party.Downcast(party.Share(0, party.Id == 0 ? [1f] : null, TensorShape.Vector(1), FixedPointFormat.Ring32), 4)));
        Assert.Contains("fxp32.8", down.Message);
    }

    [Fact]
    public void ADowncastThatWouldAddFractionBitsIsRefusedNamingTheFormat()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Run(party =>
            party.Downcast(party.Share<ulong>(0, party.Id == 0 ? [1f] : null, TensorShape.Vector(1), FixedPointFormat.Ring64), 20)));
        Assert.Contains("fxp64.18", e.Message);
    }
}
