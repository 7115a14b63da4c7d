namespace Ditto.Runtime.FixedPoint;

/// <summary>
/// How <c>Cast</c> converts between fixed-point formats: which upcast and downcast protocol to run, and how many integer bits a
/// format must keep for a fraction-bit increase (a local left shift) to be allowed. Engines hold one instance; the generated
/// code calls only <c>Cast</c>.
/// </summary>
public sealed record CastOptions
{
    /// <summary>The defaults: the cheapest correct protocols (high-part upcast, fused downcast) and 4 integer bits.</summary>
    public static CastOptions Default { get; } = new();

    /// <summary>The upcast protocol (32 → 64 bits).</summary>
    public UpcastMethod Upcast { get; init; } = UpcastMethod.HighPart;

    /// <summary>The downcast protocol (64 → 32 bits).</summary>
    public DowncastMethod Downcast { get; init; } = DowncastMethod.Fused;

    /// <summary>
    /// The fewest integer bits a target format must keep when a cast adds fraction bits. A k-bit format with f fraction bits
    /// holds |v| &lt; 2^(k−2−f) (two guard bits, as the encoding saturates there), so it has k − 2 − f integer bits. Adding
    /// fraction bits with a left shift is refused when the target has fewer than this many: such a format has no headroom,
    /// and a shift into it would overflow silently for any value of magnitude 2^MinIntegerBits or more.
    /// </summary>
    public int MinIntegerBits { get; init; } = 4;

    /// <summary>
    /// Whether a value revealed straight out of a truncation (a model's output after its last rescale) is first rounded
    /// exactly: ⌊x/2^m⌋ whatever the share split, so the revealed low bit says nothing about any party's shares
    /// (docs/protocols.md, exact rounding before a reveal). On by default; costs 71.75 B and 8 rounds per revealed element
    /// at k = 64 (35.125 B, 7 rounds at k = 32). The emulator always rounds exactly.
    /// </summary>
    public bool ExactRoundingBeforeReveal { get; init; } = true;
}
