using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Ditto.Models.Tokenizers;

/// <summary>
/// Hugging Face's uncased-BERT accent stripping (NFD, then drop non-spacing marks) without ICU. Under
/// InvariantGlobalization, which this repository uses, <see cref="string.Normalize()"/> does not decompose and
/// Microsoft.ML.Tokenizers' RemoveNonSpacingMarks leaves "café" whole (→ [UNK]); folding first with a built-in
/// decomposition table gives "cafe" either way. Idempotent, so harmless where ICU is present.
/// </summary>
internal static partial class AccentFolding
{
    private static readonly FrozenDictionary<char, string> Replacements = Parse();

    /// <summary>The text with every character replaced by its NFD decomposition minus non-spacing marks.</summary>
    public static string Fold(string text)
    {
        StringBuilder? result = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement = null;
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                replacement = string.Empty;
            }
            else if (c is >= '\uAC00' and <= '\uD7A3')
            {
                replacement = Hangul(c);
            }
            else if (c >= '\u0080')
            {
                Replacements.TryGetValue(c, out replacement);
            }

            if (replacement is null)
            {
                result?.Append(c);
                continue;
            }

            result ??= new StringBuilder(text, 0, i, text.Length);
            result.Append(replacement);
        }

        return result?.ToString() ?? text;
    }

    /// <summary>A Hangul syllable's canonical decomposition into leading, vowel and optional trailing jamo (Unicode §3.12).</summary>
    private static string Hangul(char syllable)
    {
        const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7, TCount = 28, NCount = 588;
        var s = syllable - SBase;
        var l = (char)(LBase + (s / NCount));
        var v = (char)(VBase + (s % NCount / TCount));
        var t = s % TCount;
        return t == 0 ? string.Concat(l, v) : string.Concat(l, v, (char)(TBase + t));
    }

    private static FrozenDictionary<char, string> Parse()
    {
        var map = new Dictionary<char, string>();
        foreach (var entry in Table.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            map[entry[0]] = entry[1..];
        }

        return map.ToFrozenDictionary();
    }
}
