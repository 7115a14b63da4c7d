using Ditto.Runtime.Engines.Clear;
using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;
using Xunit.Abstractions;

namespace Ditto.Runtime.Tests.Functions;

/// <summary>
/// The checking emulator evaluates each protocol's precondition exactly, and where one is broken it computes what the
/// protocol computes instead of the ideal value, so its wrong answer is the three parties' wrong answer.
/// </summary>
public class RangeCheckerTests(ITestOutputHelper output)
{
    public static TheoryData<int> Rings => [32, 64];

    [Theory]
    [MemberData(nameof(Rings))]
    public void ATruncationBeyondItsBoundIsReportedAndWrongAsOftenAsTheProtocol(int ring)
    {
        // Ring integers from 0.5·2^(k−2) to 1.9·2^(k−2) with 2m fraction bits, truncated by m: the upper part breaks
        // |x| < 2^(k−2). They are made as a product with a shared 1 (so the shares are uniformly random, as after any
        // product in a model) of an input encoded at half, doubled in the ring. Where the protocol's wrap estimate fails
        // (probability 2(x − 2^(k−2))/2^k for a uniform split) the result is off by exactly 2^(k−m) units; the checking
        // emulator draws its own split and fails as often.
        var m = ring == 32 ? 8 : 18;
        var format = new FixedPointFormat(ring, m);
        const int n = 4000;
        var halves = Enumerable.Range(0, n).Select(i => (float)((0.25 + (0.7 * i / n)) * Math.ScaleB(1, ring - 2 - (2 * m)))).ToArray();
        var ones = Enumerable.Repeat(1f, n).ToArray();
        var checker = new RangeChecker();
        float[] Run(ClearEngine e) =>
            e.Reveal(e.Truncate(e.MultiplyInteger(e.Multiply(e.Input(halves, TensorShape.Vector(n), format, 0), e.Input(ones, TensorShape.Vector(n), format, 1)), 2), m), 0)!;
        var checking = Run(new ClearEngine(checker));
        var exact = Run(new ClearEngine());
        var secure = TestSessions.Run(party =>
        {
            var e = new SecretEngine(party);
            var product = e.Multiply(e.Input(party.Id == 0 ? halves : null, TensorShape.Vector(n), format, 0), e.Input(party.Id == 1 ? ones : null, TensorShape.Vector(n), format, 1));
            return e.Reveal(e.Truncate(e.MultiplyInteger(product, 2), m), 0);
        }).Results[0]!;

        var row = Assert.Single(checker.Violations);
        output.WriteLine(row.ToString());
        var broken = halves.Select(v => 2.0 * Math.Abs(v) * Math.ScaleB(1, 2 * m) >= Math.ScaleB(1, ring - 2)).ToArray();
        Assert.Equal(broken.Count(b => b), row.Violations);
        Assert.True(row.HeadroomBits < 0);

        var unit = Math.ScaleB(1.0, -m);
        var wrap = Math.ScaleB(1.0, ring - (2 * m));
        double Wrong(float[] got)
        {
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                var error = got[i] - exact[i];
                if (!broken[i] || Math.Abs(error) <= unit)
                {
                    Assert.True(Math.Abs(error) <= unit, $"x = {2 * halves[i]}: {got[i]}, exact {exact[i]}");
                    continue;
                }

                Assert.True(Math.Abs(Math.Abs(error) - wrap) <= unit, $"x = {2 * halves[i]}: off by {error}, not by the wrap {wrap}");
                count++;
            }

            return (double)count / broken.Count(b => b);
        }

        var (emulated, protocol) = (Wrong(checking), Wrong(secure));
        output.WriteLine($"wrong beyond the bound: checking emulator {emulated:P1}, protocol {protocol:P1}");
        Assert.InRange(emulated, 0.1, 0.4);
        Assert.InRange(Math.Abs(emulated - protocol), 0, 0.06);
    }

    [Fact]
    public void AFastUpcastBeyondTwoToThe30IsReportedAndOffByTheProtocolsWrapAsOften()
    {
        // 2·10^9 (above 2^30), 4000 times, and 2000 and −2000: doubled halves times a shared 1 (uniformly random shares,
        // as after any product). The high-part upcast's wrap estimate fails with probability 2(x − 2^30)/2^32 ≈ 0.43
        // for a uniform split, in the protocol and in the checking emulator alike (each with its own randomness),
        // always by exactly 2^32.
        var format = new FixedPointFormat(32, 0);
        float[] halves = [1000, -1000, .. Enumerable.Repeat(1e9f, 4000)];
        var ones = Enumerable.Repeat(1f, halves.Length).ToArray();
        var shape = TensorShape.Vector(halves.Length);
        var checker = new RangeChecker();
        var wide = new FixedPointFormat(64, 0);
        var clear = new ClearEngine(checker);
        var checking = clear.Reveal(clear.Cast(clear.MultiplyInteger(clear.Multiply(clear.Input(halves, shape, format, 0), clear.Input(ones, shape, format, 1)), 2), wide), 0)!;
        var secure = TestSessions.Run(party =>
        {
            var e = new SecretEngine(party);
            var product = e.Multiply(e.Input(party.Id == 0 ? halves : null, shape, format, 0), e.Input(party.Id == 1 ? ones : null, shape, format, 1));
            return e.Reveal(e.Cast(e.MultiplyInteger(product, 2), wide), 0);
        }).Results[0]!;
        var row = Assert.Single(checker.Violations, r => r.Check == "upcast input");
        Assert.Equal(4000, row.Violations);
        Assert.Equal([2000f, -2000f], checking[..2]);
        Assert.Equal([2000f, -2000f], secure[..2]);
        var fractions = new List<double>();
        foreach (var result in new[] { checking, secure })
        {
            var wrong = result[2..].Count(v => v != 2e9f);
            Assert.All(result[2..], v => Assert.True(v == 2e9f || Math.Abs(Math.Abs(v - 2e9) - 4294967296.0) < 1e3, $"{v}"));
            output.WriteLine($"{wrong} of 4000 wrong");
            fractions.Add(wrong / 4000.0);
        }

        Assert.InRange(fractions[0], 0.36, 0.50);
        Assert.InRange(Math.Abs(fractions[0] - fractions[1]), 0, 0.06);
    }

    [Fact]
    public void WithoutACheckerTheEmulatorIsExactAndRecordsNothing()
    {
        var format = new FixedPointFormat(32, 16);
        float[] values = [3000.5f];
        var clear = new ClearEngine();
        Assert.Null(clear.Checker);
        Assert.Equal(3000.5f, clear.Reveal(clear.Truncate(clear.Input(values, TensorShape.Vector(1), format, 0), 8), 0)![0]);
    }
}
