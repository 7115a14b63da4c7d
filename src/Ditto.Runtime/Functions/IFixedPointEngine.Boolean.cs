using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Functions;

/// <summary>
/// The boolean primitives (comparison, bit decomposition, bit injection, select). A bit tensor belongs to no ring: each
/// element holds up to 64 bits, of which <see cref="WidthOf"/> are meaningful, so turning a comparison result into either
/// ring costs the same. In the clear engine these are plain bit operations; in the secret engine they are the protocols
/// of Protocols/Boolean (see docs/protocols.md for costs).
/// </summary>
public partial interface IFixedPointEngine<TA, TB>
{
    /// <summary>The shape of a bit tensor.</summary>
    TensorShape ShapeOfBits(TB x);

    /// <summary>How many low bits of each element are meaningful.</summary>
    int WidthOf(TB x);

    /// <summary>A public bit tensor (no messages).</summary>
    TB PublicBits(ulong[] values, TensorShape shape, int bits);

    /// <summary>Opens bits to one party or to all (null); parties that do not learn them get null. An explicit exit, like <see cref="Reveal"/>.</summary>
    ulong[]? RevealBits(TB x, int? toParty);

    /// <summary>x ⊕ y (local).</summary>
    TB Xor(TB x, TB y);

    /// <summary>x ⊕ c for a public mask (local).</summary>
    TB XorConstant(TB x, ulong mask);

    /// <summary>¬x within x's width (local).</summary>
    TB Not(TB x);

    /// <summary>x ∧ c for a public mask (local).</summary>
    TB AndConstant(TB x, ulong mask);

    /// <summary>x ∧ y (1 round).</summary>
    TB And(TB x, TB y);

    /// <summary>x ≪ n keeping <paramref name="bits"/> bits (local).</summary>
    TB ShiftLeftBits(TB x, int n, int bits);

    /// <summary>x ≫ n (local).</summary>
    TB ShiftRightBits(TB x, int n);

    /// <summary>Bits [start, start + count) moved to the bottom (local).</summary>
    TB SliceBits(TB x, int start, int count);

    /// <summary>The low <paramref name="width"/> bits in reverse order (local).</summary>
    TB ReverseBits(TB x, int width);

    /// <summary>Applies a gather map to a bit tensor (local).</summary>
    TB GatherBits(TB x, TensorShape shape, int[] map);

    /// <summary>The parts one after another as a vector (local).</summary>
    TB ConcatBits(IReadOnlyList<TB> parts);

    /// <summary>[x &lt; 0]: the ring element's top bit, 1 bit per element.</summary>
    TB Msb(TA x);

    /// <summary>
    /// [x &lt; t_j] for public thresholds t_j given as ring integers of x's format, as shape [thresholds, ...x's shape].
    /// Exact while x − t_j does not wrap (|x|, |t_j| &lt; 2^(k−2)). All thresholds share one first round.
    /// </summary>
    TB LessThan(TA x, IReadOnlyList<long> thresholds);

    /// <summary>[x = y], 1 bit per element (a zero test, exact).</summary>
    TB Equal(TA x, TA y);

    /// <summary>A2B: the k bits of each ring element.</summary>
    TB ToBits(TA x);

    /// <summary>Prefix-OR from the top bit down within x's width.</summary>
    TB PrefixOr(TB x);

    /// <summary>B2A: the integer Σ 2^i·bit_i of each element (modulo 2^k), labelled with <paramref name="format"/>.</summary>
    TA ToArithmetic(TB x, FixedPointFormat format);

    /// <summary>For each weight vector (one ring integer per bit of x), Σ_i w_i·bit_i, labelled with <paramref name="format"/>.</summary>
    IReadOnlyList<TA> InjectBits(TB x, FixedPointFormat format, IReadOnlyList<long[]> weights);

    /// <summary>x·b for a 1-bit b of the same shape (MulA1B); x's format is kept.</summary>
    TA MultiplyBit(TA x, TB bit);
}
