using Ditto.Models.Inputs;
using Ditto.Models.Tokenizers;
using Ditto.Runtime.Backends;
using Microsoft.ML.Tokenizers;

namespace Ditto.Models.Bert;

/// <summary>
/// The host side of sentence embedding: tokenise (client), one-hot input (client), the model's
/// <see cref="BertModel.SentenceEmbedding(IBackend, Value, int)"/> twin (mean pooling inside the model, so only the pooled
/// vector is revealed, and only to the client), then L2 normalisation on the client. The same code runs on the float
/// reference, the emulator or one party of the secure engine.
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

    /// <summary>The model.</summary>
    public BertCheckpoint Checkpoint => _bert;

    /// <summary>Token ids with [CLS] and [SEP].</summary>
    public IReadOnlyList<int> Tokenize(string text)
    {
        var ids = _tokenizer.EncodeText(text);
        return ids.Count <= _bert.Config.MaxPositions
            ? ids
            : throw new ArgumentException($"'{text[..Math.Min(40, text.Length)]}…' has {ids.Count} tokens; the model takes at most {_bert.Config.MaxPositions}.", nameof(text));
    }

    /// <summary>The unit-length sentence embedding in plain float.</summary>
    public float[] Embed(string text)
    {
        var ids = Tokenize(text);
        return Embed(new FloatBackend(Presets.Ditto.Plan), ids, ids.Count)!;
    }

    /// <summary>
    /// Runs as one party on <paramref name="backend"/>: the client passes the token ids, every other party passes null and
    /// the same <paramref name="length"/>. Returns the unit-length embedding on the client, null elsewhere.
    /// </summary>
    public float[]? Embed(IBackend backend, IReadOnlyList<int>? ids, int length) => Embed(_bert, backend, ids, length);

    /// <summary>
    /// <see cref="Embed(IBackend, IReadOnlyList{int}?, int)"/> for any BERT checkpoint, from token ids (no tokenizer):
    /// what benchmarks run on synthetic models.
    /// </summary>
    public static float[]? Embed(BertCheckpoint bert, IBackend backend, IReadOnlyList<int>? ids, int length)
    {
        ArgumentNullException.ThrowIfNull(bert);
        ArgumentNullException.ThrowIfNull(backend);
        var format = ClientInputs.ParameterFormat(BertModel.ModelDescription, nameof(BertModel.SentenceEmbedding), "oneHotTokens", backend);
        var input = ClientInputs.OneHotTokens(backend, ids, length, bert.Config.VocabSize, format);
        Value pooled;
        using (backend.Scope("bert"))
        {
            pooled = bert.Model.SentenceEmbedding(backend, input, length);
        }

        using (backend.Scope("output"))
        {
            return backend.Reveal(pooled, backend.ClientId) is { } revealed ? Normalize(revealed.Data) : null;
        }
    }

    /// <summary>
    /// A sentence pair for the model: [CLS] a [SEP] b [SEP], token type 0 up to the first [SEP] and 1 after it, as
    /// Hugging Face's tokenizer builds it.
    /// </summary>
    public BertTokens TokenizePair(string first, string second)
    {
        var (ids, firstSegment) = _tokenizer.EncodePair(first, second);
        var tokens = new BertTokens(ids, firstSegment);
        return tokens.Ids.Count <= _bert.Config.MaxPositions
            ? tokens
            : throw new ArgumentException($"The pair ('{first[..Math.Min(40, first.Length)]}…', '{second[..Math.Min(40, second.Length)]}…') has {tokens.Ids.Count} tokens; the model takes at most {_bert.Config.MaxPositions}.", nameof(second));
    }

    /// <summary>Batch convenience on the float reference backend: every text's embedding from one padded pass.</summary>
    public IReadOnlyList<float[]> EmbedBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var inputs = texts.Select(t => BertTokens.Single(Tokenize(t))).ToList();
        return EmbedBatch(_bert, new FloatBackend(Presets.Ditto.Plan), inputs, BertBatch.Of(inputs, _bert.Config.MaxPositions))!;
    }

    /// <summary>
    /// Embeds a batch of inputs in one secure pass, as one party: padded to the longest, with a public padding mask (no
    /// token attends to padding), public token types for pairs and a mean over each input's own tokens, so each
    /// embedding is that of its input alone and the batch costs the rounds of one input. The client passes the tokens
    /// (other parties null); returns the L2-normalised embeddings on the client, null elsewhere.
    /// </summary>
    public static IReadOnlyList<float[]>? EmbedBatch(BertCheckpoint bert, IBackend backend, IReadOnlyList<BertTokens>? inputs, BertBatch batch)
    {
        ArgumentNullException.ThrowIfNull(bert);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(batch);
        var format = ClientInputs.ParameterFormat(BertModel.ModelDescription, nameof(BertModel.SentenceEmbeddings), "oneHotTokens", backend);
        var input = batch.Input(backend, inputs?.Select(i => i.Ids).ToList(), bert.Config.VocabSize, format);
        Value pooled;
        using (backend.Scope("bert"))
        {
            pooled = bert.Model.SentenceEmbeddings(backend, input, batch.Count, batch.Length, batch.TokenTypes, batch.Keys, batch.PoolingWeights);
        }

        using (backend.Scope("output"))
        {
            if (backend.Reveal(pooled, backend.ClientId) is not { } revealed)
            {
                return null;
            }

            var width = revealed.Shape[-1];
            return [.. Enumerable.Range(0, batch.Count).Select(b => Normalize(revealed.Data.AsSpan(b * width, width).ToArray()))];
        }
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

    private static float[] Normalize(float[] pooled)
    {
        var norm = Math.Sqrt(pooled.Sum(v => (double)v * v));
        return [.. pooled.Select(v => (float)(v / Math.Max(norm, 1e-12)))];
    }
}
