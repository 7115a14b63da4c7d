using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;

namespace Ditto.Runtime.Backends;

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
/// Per-element cost formulas for the cost-estimating backend (docs/generator.md, "Cost estimates"). The arithmetic core
/// is exact for our protocols (docs/protocols.md): input 2k bits per element from the owner, multiplication k bits per
/// party, a matmul k bits per party per output element, truncation by m bits 2k + 2m bits in 2 rounds, opening k bits
/// per receiving party. Ring conversions follow the conversion protocols' documented costs (docs/protocols.md,
/// "Conversions"). Non-linear functions are estimates from SecretFlow-SPU's protocols, to be replaced by the function
/// library's documented figures as it lands.
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

    /// <summary>Truncation by m bits: 2k + 2m bits in total per element, 2 rounds.</summary>
    public static Cost Truncate(int k, int m) => m <= 0 ? Cost.Free : new((2.0 * k + 2.0 * m) / 8, 2);

    /// <summary>
    /// Upcast from k to K bits by high-part sharing (the conversions protocol's default, docs/protocols.md "Conversions"):
    /// 4k bits in total per element, 2 rounds.
    /// </summary>
    public static Cost Upcast(int k) => new(4.0 * k / 8, 2);

    /// <summary>
    /// Downcast to k' bits with the truncation by m fused in (the default; m ≤ 32): 2k' bits per element, 1 round; with m
    /// above 32, a truncation in the big ring and a free reduction. Keeping the fraction bits (m = 0) is a free reduction.
    /// </summary>
    public static Cost Downcast(int bigK, int k, int m) => m <= 0 ? Cost.Free : m <= 32 ? new(2.0 * k / 8, 1) : Truncate(bigK, m);

    /// <summary>Estimate: the MSB of a k-bit value (carry circuit): 3·(4k + 32) bits, 2 + ⌈log2(k − 1)⌉ rounds.</summary>
    public static Cost Msb(int k) => new(3.0 * (4 * k + 32) / 8, 2 + CeilLog2(k - 1));

    /// <summary>Estimate: a select by a shared bit (ABY3 [a]·[b]^B): 8k bits, 2 rounds.</summary>
    public static Cost Select(int k) => new(8.0 * k / 8, 2);

    /// <summary>Estimate: bit decomposition (A2B): 3·(2k + 2k·log2 k) bits, 2 + log2 k rounds.</summary>
    public static Cost BitDecompose(int k) => new(3.0 * (2 * k + 2 * k * CeilLog2(k)) / 8, 2 + CeilLog2(k));

    /// <summary>Estimate: bits back to arithmetic (B2A by a parallel prefix adder): 3·(3k + 2k·log2 k) + k bits, 4 + log2 k rounds.</summary>
    public static Cost BitCompose(int k) => new((3.0 * (3 * k + 2 * k * CeilLog2(k)) + k) / 8, 4 + CeilLog2(k));

    /// <summary>A multiplication followed by its truncation by f bits.</summary>
    public static Cost MultiplyTruncate(FixedPointFormat f) => FusedMultiplyTruncate(f.RingBits, f.FractionBits);

    /// <summary>A product fused with its truncation by m bits (MultiplyTruncate protocol): 4k + 2m bits in total per element, 3 rounds.</summary>
    public static Cost FusedMultiplyTruncate(int k, int m) => new(((4.0 * k) + (2.0 * m)) / 8, 3);

    /// <summary>
    /// A conversion between formats by the path the engines' Cast takes (docs/protocols.md, "Conversions", default
    /// options): free when equal; within a ring a truncation when fraction bits drop, a local shift when they grow; from 64
    /// to 32 bits a downcast with the truncation fused in; from 32 to 64 bits a truncation in the small ring when fraction
    /// bits drop, then the upcast, then a free shift.
    /// </summary>
    public static Cost Cast(int fromRing, int fromFraction, FixedPointFormat to)
    {
        var m = fromFraction - to.FractionBits;
        if (fromRing == to.RingBits)
        {
            return m > 0 ? Truncate(fromRing, m) : Cost.Free;
        }

        if (fromRing > to.RingBits)
        {
            return Downcast(fromRing, to.RingBits, m);
        }

        return (m > 0 ? Truncate(fromRing, m) : Cost.Free) + Upcast(fromRing);
    }

    /// <summary>Scaling by a public constant: one truncation of the constant's extra fraction bits (FixedPointFunctions.Scale).</summary>
    public static Cost Scale(FixedPointFormat f, double c) => Truncate(f.RingBits, FixedPointFunctions<object, object>.ConstantBits(f, c));

    /// <summary>Estimate: e^x as (1 + x/2^n)^(2^n): one truncation by n, then n squarings.</summary>
    public static Cost Exp(FixedPointFormat f, int iterations) =>
        Truncate(f.RingBits, iterations) + Repeat(MultiplyTruncate(f), iterations);

    /// <summary>Estimate: Goldschmidt reciprocal (SPU): sign (MSB, select), normalisation (A2B, B2A), 2·iterations + 3 multiplications.</summary>
    public static Cost Reciprocal(FixedPointFormat f, int iterations) =>
        Msb(f.RingBits) + BitDecompose(f.RingBits) + BitCompose(f.RingBits) + Repeat(MultiplyTruncate(f), (2 * iterations) + 3) + Select(f.RingBits) + Select(f.RingBits);

    /// <summary>Estimate: 1/√x (SPU): normalisation (A2B, prefix-OR, B2A) and 6 multiplications.</summary>
    public static Cost Rsqrt(FixedPointFormat f) =>
        BitDecompose(f.RingBits) + new Cost(3.0 * f.RingBits * CeilLog2(f.RingBits) / 8, CeilLog2(f.RingBits)) + BitCompose(f.RingBits) + Repeat(MultiplyTruncate(f), 6);

    /// <summary>Estimate: √x = x·rsqrt(x) and one refinement.</summary>
    public static Cost Sqrt(FixedPointFormat f) => Rsqrt(f) + Repeat(MultiplyTruncate(f), 2);

    /// <summary>Estimate: max(x, 0): one MSB and one select.</summary>
    public static Cost Relu(FixedPointFormat f) => Msb(f.RingBits) + Select(f.RingBits);

    /// <summary>Estimate, per row of width w: a tree of w − 1 comparisons and selects, ⌈log2 w⌉ levels deep.</summary>
    public static Cost MaxRow(FixedPointFormat f, int width) =>
        width <= 1 ? Cost.Free : new((Msb(f.RingBits).Bytes + Select(f.RingBits).Bytes) * (width - 1), (Msb(f.RingBits).Rounds + Select(f.RingBits).Rounds) * CeilLog2(width));

    /// <summary>GeLU per element: quad is one multiplication and truncation (exact); PUMA's piecewise polynomial and the tanh form are estimates.</summary>
    public static Cost Gelu(FixedPointFormat f, GeluApproximation approximation) => approximation switch
    {
        GeluApproximation.Quad => FusedMultiplyTruncate(f.RingBits, f.FractionBits + 3),
        GeluApproximation.Puma => Repeat(Msb(f.RingBits), 3) + Repeat(MultiplyTruncate(f), 4) + Repeat(Select(f.RingBits), 3),
        _ => Repeat(Msb(f.RingBits), 2) + Repeat(Select(f.RingBits), 2) + Repeat(MultiplyTruncate(f), 7),
    };

    /// <summary>Repeats a protocol sequentially.</summary>
    public static Cost Repeat(Cost c, int times) => new(c.Bytes * times, c.Rounds * times);

    /// <summary>⌈log2 n⌉ for n ≥ 1.</summary>
    public static int CeilLog2(int n) => n <= 1 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(n - 1));
}
