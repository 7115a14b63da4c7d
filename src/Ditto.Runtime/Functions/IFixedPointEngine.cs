using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Functions;

/// <summary>
/// The primitives the fixed-point function library is written against, once. Two engines implement them with one
/// meaning: the clear engine (Engines/Clear) computes in the clear, exactly in the ring, with truncation as a floor
/// (the emulator), and the secret engine (Engines/Secret) runs the three-party protocols (whose truncation may add one
/// unit in the last place). So a function's protocol equals its emulation up to truncation noise by construction.
/// </summary>
/// <typeparam name="TA">A fixed-point tensor (clear values, or a party's arithmetic shares).</typeparam>
/// <typeparam name="TB">A bit tensor (clear bits, or a party's boolean shares).</typeparam>
public partial interface IFixedPointEngine<TA, TB>
    where TA : class
    where TB : class
{
    /// <summary>The id of the party this engine acts for (0 for the clear engine).</summary>
    int PartyId { get; }

    /// <summary>The shape of a tensor.</summary>
    TensorShape ShapeOf(TA x);

    /// <summary>The format of a tensor.</summary>
    FixedPointFormat FormatOf(TA x);

    /// <summary>A private input of party <paramref name="owner"/> (others pass null values): encoded, and shared in the secret engine.</summary>
    TA Input(float[]? values, TensorShape shape, FixedPointFormat format, int owner);

    /// <summary>A public constant known to every party, encoded in the format (no messages).</summary>
    TA Public(float[] values, TensorShape shape, FixedPointFormat format);

    /// <summary>Opens a tensor to one party (<paramref name="toParty"/>) or to all (null); parties that do not learn it get null.</summary>
    float[]? Reveal(TA x, int? toParty);

    /// <summary>x + y (same shape and format).</summary>
    TA Add(TA x, TA y);

    /// <summary>x − y (same shape and format).</summary>
    TA Subtract(TA x, TA y);

    /// <summary>−x.</summary>
    TA Negate(TA x);

    /// <summary>x + c, with c encoded in x's format.</summary>
    TA AddConstant(TA x, double c);

    /// <summary>x · c for an integer c, exact in the ring; the format does not change (so the value is scaled by c).</summary>
    TA MultiplyInteger(TA x, long c);

    /// <summary>The same ring values read with another number of fraction bits (free).</summary>
    TA Relabel(TA x, FixedPointFormat format);

    /// <summary>x · y element-wise; the result has the sum of the fraction bits (no truncation).</summary>
    TA Multiply(TA x, TA y);

    /// <summary>
    /// x ⊙ c for a public tensor c that every party knows (of x's shape), encoded in <paramref name="format"/> (x's
    /// ring): local in every engine, no message; the result has the sum of the fraction bits (no truncation).
    /// </summary>
    TA MultiplyPublic(TA x, float[] values, FixedPointFormat format);

    /// <summary>op(x) · op(y) (batched); the result has the sum of the fraction bits (no truncation).</summary>
    TA MatMul(TA x, TA y, bool transposeX, bool transposeY);

    /// <summary>Divides by 2^bits and removes that many fraction bits (floor in the clear; floor or floor + 1 in MPC).</summary>
    TA Truncate(TA x, int bits);

    /// <summary>Applies a gather map (see <see cref="TensorLayout"/>): a local reshuffle.</summary>
    TA Gather(TA x, TensorShape shape, int[] map);

    /// <summary>Concatenates along an axis (local).</summary>
    TA Concat(IReadOnlyList<TA> parts, int axis);

    /// <summary>Sums over the last axis, keeping it with size 1 (local).</summary>
    TA SumLastAxis(TA x);

    /// <summary>
    /// Converts x to <paramref name="format"/> by the cheapest correct path: nothing when the formats are equal; a
    /// truncation or a local shift within a ring; a downcast or an upcast between rings.
    /// </summary>
    TA Cast(TA x, FixedPointFormat format);

    /// <summary>
    /// ⌊x·y / 2^bits⌋ on the ring integers (floor in the clear; floor or floor + 1 in MPC), labelled
    /// <paramref name="format"/> (x's ring): a product and a truncation in one protocol. Needs |x·y| &lt; 2^(k−2).
    /// </summary>
    TA MultiplyTruncate(TA x, TA y, int bits, FixedPointFormat format);

    /// <summary>
    /// X · op(y) where X is party <paramref name="owner"/>'s private input (others pass null values; only the shape is
    /// public): cheaper than sharing X first (see <see cref="Protocols.Arithmetic.PrivateMatMul"/>). Fraction bits add up.
    /// </summary>
    TA MatMulPrivate(float[]? values, TensorShape shape, FixedPointFormat format, int owner, TA y, bool transposeY);

    /// <summary>Makes party <paramref name="owner"/>'s public integers (sizes, counts) known to every party; others pass null.</summary>
    int[] Announce(int[]? values, int owner);

    /// <summary>
    /// Marks work whose results are kept only where a later selection keeps them (a polynomial evaluated on every
    /// element but used on its segment): a range checker reports what overflows inside as expected, not as a
    /// violation. Nothing changes in what is computed or sent.
    /// </summary>
    IDisposable Discarding(string why);
}
