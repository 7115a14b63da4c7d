using Ditto.Models.Tokenizers;

namespace Ditto.Models.Tests.Tokenizers;

/// <summary>NFD-minus-marks folding that works under InvariantGlobalization (where string.Normalize does not decompose).</summary>
public sealed class AccentFoldingTests
{
    [Theory]
    [InlineData("Café naïve", "Cafe naive")]
    [InlineData("e\u0301", "e")]                       // a combining mark already separate
    [InlineData("ǖ Ω Å", "u Ω A")]                    // multi-mark, ohm sign → omega, angstrom sign → A
    [InlineData("\uD55C", "\u1112\u1161\u11AB")]      // 한 → ᄒ ᅡ ᆫ (Hangul, algorithmic)
    [InlineData("が", "か")]                            // the dakuten is a non-spacing mark
    public void Folds_like_nfd_without_nonspacing_marks(string text, string expected) =>
        Assert.Equal(expected, AccentFolding.Fold(text));

    [Fact]
    public void Plain_text_is_returned_as_is()
    {
        const string text = "The cat sits on the mat.";
        Assert.Same(text, AccentFolding.Fold(text));
    }
}
