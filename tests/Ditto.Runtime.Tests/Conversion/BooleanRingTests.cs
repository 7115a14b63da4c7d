using Ditto.Runtime.Engines.Clear;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Conversion;

/// <summary>
/// Boolean shares belong to no ring (SPU's CastRing on a B-share only swaps the field tag): a comparison bit computed from
/// 64-bit values is used as it is next to 32-bit values, with no protocol and no message. The ring enters only when a bit
/// is injected into an arithmetic share (B2A), which takes the target ring as a parameter.
/// </summary>
public class BooleanRingTests
{
    [Fact]
    public void BitTensorsCarryNoRingOrFormat()
    {
        foreach (var type in new[] { typeof(BooleanShare), typeof(ClearBits) })
        {
            Assert.DoesNotContain(type.GetProperties(), p => p.PropertyType == typeof(FixedPointFormat));
            Assert.DoesNotContain(type.GetProperties(), p => p.Name.Contains("Ring", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void AComparisonBitMovesBetweenRingsWithNoMessages()
    {
        // XOR shares of comparison bits (b = b_0 ⊕ b_1 ⊕ b_2), as a comparison protocol leaves them; party i holds (b_i, b_{i+1}).
        var n = 1000;
        var random = new Random(4);
        var bits = Enumerable.Range(0, n).Select(_ => (ulong)random.Next(2)).ToArray();
        var b0 = Enumerable.Range(0, n).Select(_ => (ulong)random.Next(2)).ToArray();
        var b1 = Enumerable.Range(0, n).Select(_ => (ulong)random.Next(2)).ToArray();
        var b2 = Enumerable.Range(0, n).Select(i => bits[i] ^ b0[i] ^ b1[i]).ToArray();
        var components = new[] { b0, b1, b2 };
        var result = Run(party =>
        {
            using (party.Scope("op"))
            {
                var share = new BooleanShare(TensorShape.Vector(n), 1, components[party.Id], components[(party.Id + 1) % 3]);

                // "Casting" the bit to the 32-bit ring and to the 64-bit ring is the same object: nothing to run.
                BooleanShare in32 = share, in64 = share;
                return (in32, in64);
            }
        });
        Assert.Equal(0, result.Report.ForScope("op").BytesTotal);
        Assert.Equal(0, result.Report.ForScope("op").Rounds);
        var (p0, p1) = (result.Results[0], result.Results[1]);
        for (var i = 0; i < n; i++)
        {
            // Parties 0 and 1 together hold b_0, b_1, b_2; the bit reads the same as a 32-bit or a 64-bit ring element.
            var b = p0.in32.First[i] ^ p0.in32.Second[i] ^ p1.in64.Second[i];
            Assert.Equal(bits[i], b);
            Assert.Equal((uint)bits[i], (uint)b);
        }
    }
}
