using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Boolean;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using Ditto.Runtime.Tests.Boolean;

namespace Ditto.Runtime.Tests.Protocols;

/// <summary>
/// Every protocol's own cost definition (the static <c>Cost</c> beside its code, which the cost engine and `ditto inspect`
/// add up) equals what the ledger measures when the protocol runs alone: bytes of all three parties and rounds. The
/// per-party splits are asserted in the protocols' own cost tests.
/// </summary>
public class ProtocolCostTests
{
    private const int N = 1000;

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var ring in new[] { 32, 64 })
        {
            foreach (var name in new[] { "input", "open", "open-to", "mul", "matmul", "private-matmul", "trunc", "mul-trunc", "msb", "less-than", "equal", "a2b", "prefix-or", "and", "open-bits", "bit-mul", "b2a", "inject", "exact-round" })
            {
                data.Add(name, ring);
            }
        }

        foreach (var upcast in new[] { "upcast", "upcast-1round", "upcast-dealer", "upcast-exact" })
        {
            data.Add(upcast, 32);
        }

        data.Add("downcast", 64);
        data.Add("cast-upcast-truncating", 32);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheProtocolsCostDefinitionEqualsTheMeasuredLedger(string name, int ring)
    {
        var format = ring == 32 ? FixedPointFormat.Ring32 : FixedPointFormat.Ring64;
        var shape = TensorShape.Vector(N);
        var bits = ring;
        long[] weights = [.. Enumerable.Range(0, ring).Select(i => i >= 63 ? long.MinValue : 1L << i)];
        ProtocolCost expected = name switch
        {
            "input" => InputSharing.Cost(ring, N),
            "open" => Reveal.Cost(ring, N, toAll: true),
            "open-to" => Reveal.Cost(ring, N, toAll: false),
            "mul" => Multiplication.Cost(ring, N),
            "matmul" => MatrixMultiplication.Cost(ring, 10 * 10),
            "private-matmul" => PrivateMatMul.Cost(ring, 10 * 100, 10 * 10),
            "trunc" => Truncation.Cost(ring, format.FractionBits, N),
            "mul-trunc" => MultiplyTruncate.Cost(ring, format.FractionBits, N),
            "msb" => Comparison.Cost(ring, N, 1),
            "less-than" => Comparison.Cost(ring, N, 3),
            "equal" => ZeroTest.Cost(ring, N),
            "a2b" => BitDecomposition.Cost(ring, N),
            "prefix-or" => PrefixOr.Cost(bits, N),
            "and" => BooleanAnd.Cost(7, N),
            "open-bits" => RevealBits.Cost(bits, N, toAll: true),
            "bit-mul" => BitMultiplication.Cost(ring, N),
            "b2a" => BitInjection.Cost(ring, N, [[1L]], 1),
            "inject" => BitInjection.Cost(ring, N, [weights, [.. weights.Reverse()]], bits),
            "exact-round" => ExactRounding.Cost(ring, N),
            "upcast" => UpcastHighPart.Cost(32, N),
            "upcast-1round" => UpcastHighPart.OneRoundCost(32, N),
            "upcast-dealer" => UpcastMaskAndOpen.Cost(32, 64, N),
            "upcast-exact" => UpcastExact.Cost(N),
            "downcast" => Downcasting.FusedCost(N),
            "cast-upcast-truncating" => Casting.Cost(32, 8, new FixedPointFormat(64, 4), N),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        var measured = BooleanCostTests.Measure(ring, 2, (e, s) => Run(e, name, s, format, weights));
        Assert.Equal((long)expected.Bytes, measured.BytesTotal);
        if (name == "exact-round")
        {
            // A composition (MSB, then a bit injection): its cost is the sum, and the injection's first message overlaps
            // the MSB's last round when the two protocols' roles line up.
            Assert.InRange(measured.Rounds, expected.Rounds - 1, expected.Rounds);
            return;
        }

        Assert.Equal(expected.Rounds, measured.Rounds);
    }

    private static object Run(SecretEngine e, string name, IReadOnlyList<ArithmeticShare> s, FixedPointFormat format, long[] weights)
    {
        var bits = e.PublicBits(new ulong[N], TensorShape.Vector(N), format.RingBits);
        var square = new TensorShape(10, 100);
        return name switch
        {
            "input" => e.Input(e.PartyId == 0 ? new float[N] : null, TensorShape.Vector(N), format, 0),
            "open" => e.Reveal(s[0], null) ?? [],
            "open-to" => e.Reveal(s[0], 0) ?? [],
            "mul" => e.Multiply(s[0], s[1]),
            "matmul" => e.MatMul(e.Gather(s[0], square, [.. Enumerable.Range(0, N)]), e.Gather(s[1], square, [.. Enumerable.Range(0, N)]), false, true),
            "private-matmul" => e.MatMulPrivate(e.PartyId == 0 ? new float[N] : null, square, format, 0, e.Gather(s[1], square, [.. Enumerable.Range(0, N)]), true),
            "trunc" => e.Truncate(e.Relabel(s[0], format.WithFractionBits(2 * format.FractionBits)), format.FractionBits),
            "mul-trunc" => e.MultiplyTruncate(s[0], s[1], format.FractionBits, format),
            "msb" => e.Msb(s[0]),
            "less-than" => e.LessThan(s[0], [0, 5, -7]),
            "equal" => e.Equal(s[0], s[1]),
            "a2b" => e.ToBits(s[0]),
            "prefix-or" => e.PrefixOr(bits),
            "and" => e.And(e.SliceBits(bits, 0, 7), e.SliceBits(bits, 0, 7)),
            "open-bits" => e.RevealBits(bits, null) ?? [],
            "bit-mul" => e.MultiplyBit(s[0], e.SliceBits(bits, 0, 1)),
            "b2a" => e.InjectBits(e.SliceBits(bits, 0, 1), format, [[1L]]),
            "inject" => e.InjectBits(bits, format, [weights, [.. weights.Reverse()]]),
            "exact-round" => e.Party.RoundExactly(e.Relabel(s[0], format.WithFractionBits(2 * format.FractionBits)), s[1], format.FractionBits),
            "upcast" or "upcast-1round" or "upcast-dealer" or "upcast-exact" => Cast(e, s[0], new FixedPointFormat(64, 8), name switch
            {
                "upcast" => UpcastMethod.HighPart,
                "upcast-1round" => UpcastMethod.HighPartOneRound,
                "upcast-dealer" => UpcastMethod.MaskAndOpen,
                _ => UpcastMethod.Exact,
            }),
            "downcast" => e.Cast(s[0], new FixedPointFormat(32, 8)),
            "cast-upcast-truncating" => e.Cast(s[0], new FixedPointFormat(64, 4)),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    private static ArithmeticShare Cast(SecretEngine e, ArithmeticShare x, FixedPointFormat to, UpcastMethod method)
    {
        e.CastOptions = CastOptions.Default with { Upcast = method };
        return e.Cast(x, to);
    }
}
