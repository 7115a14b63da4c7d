using System.Numerics;
using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Boolean;

/// <summary>
/// A party's view of a boolean protocol's output says nothing about the secret: for a constant secret (every element 3.0,
/// so every comparison, zero test and bit pattern is the same), each of the party's two components, and their XOR, has
/// every bit position set about half the time; arithmetic outputs (bit injection, multiply by bit) spread over the ring.
/// </summary>
public class BooleanPrivacyTests
{
    private const int N = 20_000;

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void EveryPartysViewOfBooleanOutputsLooksUniform(int ring)
    {
        var format = BooleanEngineTests.Format(ring);
        var secret = Enumerable.Repeat(3.0f, N).ToArray();
        var views = Run(party =>
        {
            var e = new SecretEngine(party);
            var x = e.Input(party.Id == 0 ? secret : null, TensorShape.Vector(N), format, 0);
            var y = e.Input(party.Id == 1 ? secret : null, TensorShape.Vector(N), format, 1);
            var bits = e.ToBits(x);
            var booleans = new[] { e.Msb(x), e.LessThan(x, [FixedPointCodec.EncodeSigned(4, format)]), e.Equal(x, y), bits, e.PrefixOr(bits) };
            var arithmetic = new[] { e.ToArithmetic(e.Msb(x), format), e.ToArithmetic(bits, format), e.MultiplyBit(x, e.Not(e.Msb(x))) };
            return (booleans, arithmetic);
        }).Results;

        for (var p = 0; p < 3; p++)
        {
            foreach (var share in views[p].booleans)
            {
                var xor = share.First.Zip(share.Second, (a, b) => a ^ b).ToArray();
                foreach (var view in new[] { share.First, share.Second, xor })
                {
                    for (var bit = 0; bit < share.Bits; bit++)
                    {
                        var ones = view.Count(v => ((v >> bit) & 1) != 0);
                        Assert.InRange(ones, N * 0.47, N * 0.53);
                    }
                }
            }

            foreach (var share in views[p].arithmetic)
            {
                Uniform(share, ring);
            }
        }
    }

    private static void Uniform(ArithmeticShare share, int k)
    {
        var (first, second) = share switch
        {
            ArithmeticShare<uint> a => (a.First.Select(v => (ulong)v).ToArray(), a.Second.Select(v => (ulong)v).ToArray()),
            ArithmeticShare<ulong> a => (a.First, a.Second),
            _ => throw new NotSupportedException(),
        };
        var mask = k == 64 ? ulong.MaxValue : uint.MaxValue;
        var sum = first.Zip(second, (a, b) => (a + b) & mask).ToArray();
        foreach (var view in new[] { first, second, sum })
        {
            var meanBits = view.Average(v => (double)BitOperations.PopCount(v));
            Assert.InRange(meanBits, (k / 2.0) - 0.2, (k / 2.0) + 0.2);
            Assert.True(view.Count(v => v is 0 or 1) < 3, "a component reveals the bit itself");
        }
    }
}
