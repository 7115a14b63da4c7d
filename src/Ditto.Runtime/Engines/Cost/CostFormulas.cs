using System.Numerics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols.Conversion;

namespace Ditto.Runtime.Engines.Cost;

/// <summary>The cost of one protocol call: bytes sent in total by the three parties, and rounds on the critical path.</summary>
/// <param name="Bytes">Bytes summed over the parties.</param>
/// <param name="Rounds">Message rounds (sequential hops).</param>
public readonly record struct Cost(double Bytes, long Rounds)
{
    /// <summary>No communication.</summary>
    public static Cost Free => default;

    /// <summary>Two protocols one after the other.</summary>
    public static Cost operator +(Cost a, Cost b) => new(a.Bytes + b.Bytes, a.Rounds + b.Rounds);

    /// <summary>The same protocol on <paramref name="n"/> times as many elements (bytes scale, rounds do not).</summary>
    public Cost Times(double n) => new(Bytes * n, Rounds);
}

/// <summary>
/// Cost formulas of our protocols for the cost-estimating backend (docs/generator.md, "Cost estimates"), each the formula
/// its protocol's cost test asserts (tests/Ditto.Runtime.Tests: ConversionCostTests, BooleanCostTests, FunctionCostTests,
/// UpcastExactTests). The arithmetic core per element: input 2k bits from the owner, multiplication k bits per party, a
/// matmul k bits per party per output element, opening k bits per receiving party. Protocols that send bit-packed
/// messages have per-call formulas taking the element count n, because a packed message of n values of b bits is
/// ⌈n·b/8⌉ bytes: truncation, the fused product, comparison, the zero test, A2B, prefix-OR, AND, B2A and the exact upcast.
/// Non-linear functions have no formula of their own here: <see cref="CostEngine"/> runs the function library itself on
/// shapes and formats and adds up these primitives, so a function costs exactly what its protocol sends. Bytes are exact;
/// rounds are summed in program order, an upper bound on the critical path (the engine overlaps some hops).
/// </summary>
public static class CostFormulas
{
    /// <summary>Input sharing: the owner sends the third component to both peers, 2k bits per element, 1 round.</summary>
    public static Cost Input(int k) => new(2.0 * k / 8, 1);

    /// <summary>
    /// A product whose left operand [M×K] is still a party's private input (PrivateMatMul): the owner sends M·K words, then
    /// one rotation of the M·N result (k bits per party per element); 2 rounds.
    /// </summary>
    public static Cost PrivateMatMul(int k, long leftElements, long outputElements) => new((leftElements + (3.0 * outputElements)) * k / 8, 2);

    /// <summary>Opening to one party (k bits) or to all three (3k bits) per element, 1 round.</summary>
    public static Cost Open(int k, bool toAll) => new((toAll ? 3.0 : 1.0) * k / 8, 1);

    /// <summary>Element-wise multiplication: k bits per party per element, 1 round.</summary>
    public static Cost Multiply(int k) => new(3.0 * k / 8, 1);

    /// <summary>Bytes of n values of <paramref name="bits"/> bits each, bit-packed into one message: ⌈n·bits/8⌉.</summary>
    public static long PackedBytes(long n, int bits) => ((n * bits) + 7) / 8;

    /// <summary>Truncation by m bits of n elements: two words per element (the reshare) and two packed m-bit messages (e, q); 2 rounds.</summary>
    public static Cost Truncate(int k, int m, long n) => m <= 0 ? Cost.Free : new((2.0 * n * k / 8) + (2.0 * PackedBytes(n, m)), 2);

    /// <summary>The fused product and truncation by m bits of n elements: four words per element and two packed m-bit messages; 3 rounds.</summary>
    public static Cost MultiplyTruncate(int k, int m, long n) => new((4.0 * n * k / 8) + (2.0 * PackedBytes(n, m)), 3);

    /// <summary>
    /// Upcast from k to K bits by high-part sharing (the conversions protocol's default, docs/protocols.md "Conversions"):
    /// 4k bits in total per element, 2 rounds.
    /// </summary>
    public static Cost Upcast(int k) => new(4.0 * k / 8, 2);

    /// <summary>
    /// The exact upcast 32 → 64 bits of n elements (UpcastExact): A sends the nibble round (k + 11k/4 bits), T_A − ρ (k bits)
    /// and the B2A's message (k bits) per element; B and C reshare 2N − 1 planes and the B2A's k bits each (N = k/4 = 8);
    /// every party sends N − 1, N/2 − 1, … planes over the carry tree's levels (7 + 3 + 1). 38.875 bytes per element; 7 rounds.
    /// </summary>
    public static Cost UpcastExact(long n)
    {
        const int k = 32;
        var plane = PackedBytes(n, 1);
        var tree = (7 + 3 + 1) * plane;
        var a = (n * ((k / 8) + (11 * k / 32))) + (n * k / 8) + (n * k / 8) + tree;
        var bc = (15 * plane) + tree + (n * k / 8);
        return new(a + (2.0 * bc), 7);
    }

    /// <summary>
    /// A conversion of n elements between formats by the path the engines' Cast takes (docs/protocols.md, "Conversions"),
    /// with packed messages counted exactly, under <paramref name="options"/> (default: <see cref="CastOptions.Default"/>):
    /// free when equal; within a ring a truncation when fraction bits drop, a local shift when they grow; from 64 to 32
    /// bits the fused downcast (2·32 bits per element, 1 round; m ≤ 32) or a truncation in the big ring; from 32 to 64 bits
    /// a truncation in the small ring when fraction bits drop, then the upcast the options choose (high part in two or one
    /// rounds, mask-and-open with a dealer), then a free shift; the exact upcast extends first and truncates afterwards.
    /// </summary>
    public static Cost Cast(int fromRing, int fromFraction, FixedPointFormat to, long n, CastOptions? options = null)
    {
        options ??= CastOptions.Default;
        var m = fromFraction - to.FractionBits;
        if (fromRing == to.RingBits)
        {
            return m > 0 ? Truncate(fromRing, m, n) : Cost.Free;
        }

        if (fromRing > to.RingBits)
        {
            return m <= 0 ? Cost.Free
                : m <= Downcasting.MaxFusedBits && options.Downcast == DowncastMethod.Fused ? new(2.0 * n * to.RingBits / 8, 1)
                : Truncate(fromRing, m, n);
        }

        return options.Upcast switch
        {
            UpcastMethod.Exact => UpcastExact(n) + (m > 0 ? Truncate(to.RingBits, m, n) : Cost.Free),
            UpcastMethod.HighPartOneRound => (m > 0 ? Truncate(fromRing, m, n) : Cost.Free) + new Cost(6.0 * n * fromRing / 8, 1),
            UpcastMethod.MaskAndOpen => (m > 0 ? Truncate(fromRing, m, n) : Cost.Free) + new Cost(n * ((2.0 * to.RingBits) + (2.0 * fromRing) + (2.0 * to.RingBits)) / 8, 2),
            _ => (m > 0 ? Truncate(fromRing, m, n) : Cost.Free) + Upcast(fromRing).Times(n),
        };
    }

    /// <summary>
    /// Comparison of n elements with J public thresholds (MSB: J = 1; Comparison.cs): A's nibble round k + 11k/4 bits per
    /// element, shared by the thresholds; B and C reshare 2·(k/4) planes of J·n bits each; each party sends
    /// Σ (nodes − 1) planes over the log2(k/4) AND levels (7 + 3 + 1 at k = 32, 15 + 7 + 3 + 1 at k = 64). 2 + log2(k/4)
    /// rounds (5 / 6). Exact for every input.
    /// </summary>
    public static Cost Comparison(int k, long n, int thresholds)
    {
        var nodes = k / 4;
        var plane = PackedBytes(n * thresholds, 1);
        var round1 = n * ((k / 8) + (11 * k / 32));
        var reshare = 2 * 2 * nodes * plane;
        var tree = 0L;
        var levels = 0;
        for (var m = nodes; m > 1; m /= 2)
        {
            tree += 3 * (m - 1) * plane;
            levels++;
        }

        return new(round1 + reshare + tree, 2 + levels);
    }

    /// <summary>The zero test of n elements (ZeroTest.cs): the nibble round, k/4 planes reshared by B and C, an AND tree of N/2 + N/4 + … planes per party; 2 + log2(k/4) rounds.</summary>
    public static Cost ZeroTest(int k, long n)
    {
        var nodes = k / 4;
        var plane = PackedBytes(n, 1);
        var round1 = n * ((k / 8) + (11 * k / 32));
        var tree = 0L;
        var levels = 0;
        for (var m = nodes; m > 1; m /= 2)
        {
            tree += 3 * (m / 2) * plane;
            levels++;
        }

        return new(round1 + (2 * nodes * plane) + tree, 2 + levels);
    }

    /// <summary>Multiply by a shared bit (MulA1B, BitMultiplication.cs): four words per element; 2 rounds.</summary>
    public static Cost MultiplyBit(int k, long n) => new(4.0 * n * k / 8, 2);

    /// <summary>AND of n boolean shares of w bits (BooleanAnd.cs): every party sends w bits per element, packed; 1 round.</summary>
    public static Cost And(int width, long n) => new(3.0 * PackedBytes(n, width), 1);

    /// <summary>Opening n boolean shares of w bits to one party (one packed message) or to all three; 1 round.</summary>
    public static Cost OpenBits(int width, long n, bool toAll) => new((toAll ? 3.0 : 1.0) * PackedBytes(n, width), 1);

    /// <summary>
    /// A2B of n elements (BitDecomposition.cs, Sklansky): A sends k bits per element, B and C reshare k − 1 packed bits each,
    /// and each level of the adder ANDs the upper halves' generate and propagate bits (every party, packed); 2 + log2 k rounds.
    /// </summary>
    public static Cost BitDecomposition(int k, long n)
    {
        var positions = k == 64 ? ulong.MaxValue >> 1 : (1UL << (k - 1)) - 1;
        var tree = 0L;
        var levels = 0;
        for (var s = 1; s < k; s *= 2)
        {
            var (upper, withP, _) = Protocols.Boolean.BitDecomposition.Masks(s, positions);
            tree += 3 * PackedBytes(n, BitOperations.PopCount(upper) + BitOperations.PopCount(withP));
            levels++;
        }

        return new((n * k / 8) + (2 * PackedBytes(n, k - 1)) + tree, 2 + levels);
    }

    /// <summary>Prefix-OR from the top over w bits of n elements (PrefixOr.cs): one AND per Sklansky level of its lower halves' bits (every party, packed); one round per level.</summary>
    public static Cost PrefixOr(int width, long n)
    {
        var bytes = 0L;
        var levels = 0;
        for (var s = 1; s < width; s *= 2)
        {
            var (lower, _) = Protocols.Boolean.PrefixOr.LevelMasks(width, s);
            bytes += 3 * PackedBytes(n, BitOperations.PopCount(lower & Protocols.Boolean.BitTricks.LowMask(width)));
            levels++;
        }

        return new(bytes, levels);
    }

    /// <summary>
    /// Bit injection (B2A) of n elements of a w-bit share into a k-bit ring with several weight vectors (BitInjection.cs): A
    /// sends bit i modulo 2^(k − z_i), packed per bit (z_i: trailing zeros its weights share; nothing for all-zero weights);
    /// B and C reshare one word per element per weight vector each; 2 rounds.
    /// </summary>
    public static Cost BitInjection(int k, long n, IReadOnlyList<long[]> weights, int bits)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var widths = Protocols.Boolean.BitInjection.Widths(k, weights, bits);
        var fromA = widths.Where(w => w > 0).Sum(w => PackedBytes(n, w));
        return new(fromA + (2.0 * weights.Count * n * k / 8), 2);
    }
}
