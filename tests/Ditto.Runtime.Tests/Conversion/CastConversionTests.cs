using Ditto.Runtime.Engines.Clear;
using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Conversion;

/// <summary>
/// The one cast API: the secret engine equals the clear emulator (exact, floor where bits are removed) for every pair of
/// formats and every method, up to one unit in the last place where bits are removed.
/// </summary>
public class CastConversionTests
{
    private static readonly FixedPointFormat[] Formats =
        [new(32, 8), new(32, 4), new(32, 16), new(64, 18), new(64, 8), new(64, 30), new(64, 40)];

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in Formats)
        {
            foreach (var to in Formats)
            {
                data.Add(Text(from), Text(to));
            }
        }

        return data;
    }

    public static TheoryData<UpcastMethod, DowncastMethod> Methods => new()
    {
        { UpcastMethod.HighPart, DowncastMethod.Fused },
        { UpcastMethod.HighPartOneRound, DowncastMethod.TruncateThenReduce },
        { UpcastMethod.MaskAndOpen, DowncastMethod.Fused },
        { UpcastMethod.Exact, DowncastMethod.Fused },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void SecretCastEqualsTheEmulatorWithinOneUlp(string fromText, string toText)
    {
        var (from, to) = (FixedPointFormat.Parse(fromText), FixedPointFormat.Parse(toText));
        foreach (var (up, down) in Methods.Select(m => ((UpcastMethod)m[0], (DowncastMethod)m[1])))
        {
            Check(from, to, new CastOptions { Upcast = up, Downcast = down });
        }
    }

    [Fact]
    public void TheDefaultsAreTheCheapestCorrectProtocols()
    {
        Assert.Equal(UpcastMethod.HighPart, CastOptions.Default.Upcast);
        Assert.Equal(DowncastMethod.Fused, CastOptions.Default.Downcast);
        Assert.Equal(CastKind.None, CastPlan.For(FixedPointFormat.Ring32, FixedPointFormat.Ring32, 4).Kind);
        Assert.Equal("fxp64.18 → fxp32.8: downcast dropping 10 bits", CastPlan.For(FixedPointFormat.Ring64, FixedPointFormat.Ring32, 4).ToString());
        Assert.Equal("fxp32.8 → fxp64.18: upcast, shift left 10 bits", CastPlan.For(FixedPointFormat.Ring32, FixedPointFormat.Ring64, 4).ToString());
        Assert.Equal("fxp32.8 → fxp64.4: truncate 4 bits, upcast", CastPlan.For(FixedPointFormat.Ring32, new FixedPointFormat(64, 4), 4).ToString());
    }

    [Fact]
    public void DittoRoundTripKeepsTheValueWithinOneUlpOfTheSmallFormat()
    {
        var n = 4096;
        var random = new Random(2);
        var values = Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2000) - 1000)).ToArray();
        var back = Run(party =>
        {
            var engine = new SecretEngine(party);
            var x = engine.Input(party.Id == 0 ? values : null, TensorShape.Vector(n), FixedPointFormat.Ring32, 0);
            var wide = engine.Cast(x, FixedPointFormat.Ring64);
            Assert.Equal(FixedPointFormat.Ring64, wide.Format);
            var narrow = engine.Cast(wide, FixedPointFormat.Ring32);
            Assert.Equal(FixedPointFormat.Ring32, narrow.Format);
            return engine.Reveal(narrow, 0);
        }).Results[0]!;
        for (var i = 0; i < n; i++)
        {
            var encoded = Math.ScaleB(FixedPointCodec.EncodeSigned(values[i], FixedPointFormat.Ring32), -8);
            Assert.InRange(back[i] - encoded, 0, FixedPointFormat.Ring32.Ulp);
        }
    }

    private static void Check(FixedPointFormat from, FixedPointFormat to, CastOptions options)
    {
        var n = 20_000;
        var random = new Random(from.GetHashCode() ^ to.GetHashCode());

        // Values inside every format's range (the smallest has 14 integer bits), so every cast is inside its precondition.
        var values = Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 16000) - 8000)).ToArray();
        values[0] = 0;
        values[1] = -(float)from.Ulp;
        var shape = TensorShape.Vector(n);
        var clear = new ClearEngine().Cast(ClearTensor.Encode(values, shape, from), to);
        Assert.Equal(to, clear.Format);
        var secret = Run(party =>
        {
            var engine = new SecretEngine(party) { CastOptions = options };
            var y = engine.Cast(engine.Input(party.Id == 0 ? values : null, shape, from, 0), to);
            Assert.Equal(to, y.Format);
            return y switch
            {
                Sharing.ArithmeticShare<uint> s => party.OpenRing(s).Select(v => (long)(int)v).ToArray(),
                Sharing.ArithmeticShare<ulong> s => party.OpenRing(s).Select(v => (long)v).ToArray(),
                _ => throw new InvalidOperationException(),
            };
        }).Results[0];
        var expected = clear.ToSigned();
        var drops = from.FractionBits > to.FractionBits;
        for (var i = 0; i < n; i++)
        {
            var error = secret[i] - expected[i];
            Assert.True(drops ? error is 0 or 1 : error == 0, $"{from} → {to} with {options}: value {values[i]} gave {secret[i]}, the emulator {expected[i]}");
        }
    }

    private static string Text(FixedPointFormat f) => $"{f.RingBits}:{f.FractionBits}";
}
