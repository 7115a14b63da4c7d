using Ditto.Models.Tokenizers;
using Microsoft.ML.Tokenizers;

namespace Ditto.Models.Bert;

/// <summary>
/// The host side of sentence embedding: tokenise, one-hot encode, run <see cref="BertModel.SentenceEmbedding(Tensor, int)"/> (mean
/// pooling inside the model, so only the pooled vector leaves it), then L2-normalise on the client. Runs the model as
/// plain C# over <see cref="Tensor"/>; once the generator's twins exist this becomes a call on a backend.
/// </summary>
public sealed class SentenceEncoder
{
    private readonly BertCheckpoint _bert;
    private readonly BertTokenizer _tokenizer;

    /// <summary>Pairs a model with its tokenizer.</summary>
    public SentenceEncoder(BertCheckpoint bert, BertTokenizer tokenizer)
    {
        _bert = bert ?? throw new ArgumentNullException(nameof(bert));
        _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
    }

    /// <summary>Token ids with [CLS] and [SEP].</summary>
    public IReadOnlyList<int> Tokenize(string text)
    {
        var ids = _tokenizer.EncodeUncased(text);
        return ids.Count <= _bert.Config.MaxPositions
            ? ids
            : throw new ArgumentException($"'{text[..Math.Min(40, text.Length)]}…' has {ids.Count} tokens; the model takes at most {_bert.Config.MaxPositions}.", nameof(text));
    }

    /// <summary>The unit-length sentence embedding.</summary>
    public float[] Embed(string text)
    {
        var ids = Tokenize(text);
        var pooled = _bert.Model.SentenceEmbedding(OneHot.Encode(ids, _bert.Config.VocabSize), ids.Count).Data;
        var norm = Math.Sqrt(pooled.Sum(v => (double)v * v));
        return pooled.Select(v => (float)(v / Math.Max(norm, 1e-12))).ToArray();
    }

    /// <summary>Cosine similarity of two embeddings.</summary>
    public static double Cosine(float[] a, float[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
