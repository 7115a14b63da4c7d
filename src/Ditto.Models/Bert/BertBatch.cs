using Ditto.Models.Inputs;
using Ditto.Runtime.Backends;
using Ditto.Runtime.FixedPoint;

namespace Ditto.Models.Bert;

/// <summary>One BERT input as token ids: [CLS] a [SEP], or [CLS] a [SEP] b [SEP] for a pair, whose first
/// <paramref name="FirstSegment"/> tokens have token type 0 and the rest type 1.</summary>
/// <param name="Ids">The token ids, special tokens included.</param>
/// <param name="FirstSegment">How many leading tokens have type 0: all of them for a single sentence.</param>
public sealed record BertTokens(IReadOnlyList<int> Ids, int FirstSegment)
{
    /// <summary>A single sentence: every token of type 0.</summary>
    public static BertTokens Single(IReadOnlyList<int> ids) => new(ids, ids.Count);
}

/// <summary>
/// The public side of a padded batch of BERT inputs, which every party builds from what the client announces (each
/// input's length and where its second segment starts): the padded length, the padding mask over keys, the pooling
/// weights and the token types. Only the token ids are secret; the client's one-hot input comes from
/// <see cref="Input"/>.
/// </summary>
public sealed class BertBatch
{
    private readonly IReadOnlyList<int> _lengths;

    /// <summary>Checks and lays out a batch of inputs of <paramref name="lengths"/> tokens whose first <paramref name="firstSegments"/> have type 0.</summary>
    public BertBatch(IReadOnlyList<int> lengths, IReadOnlyList<int> firstSegments, int maxPositions)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(firstSegments);
        if (lengths.Count == 0 || lengths.Any(n => n <= 0 || n > maxPositions))
        {
            throw new ArgumentException($"A batch needs at least one input of 1 to {maxPositions} tokens; got lengths {string.Join(", ", lengths)}.", nameof(lengths));
        }

        if (firstSegments.Count != lengths.Count || firstSegments.Where((f, b) => f <= 0 || f > lengths[b]).Any())
        {
            throw new ArgumentException($"Each input's first segment must have 1 to its length tokens; got {string.Join(", ", firstSegments)} for lengths {string.Join(", ", lengths)}.", nameof(firstSegments));
        }

        _lengths = lengths;
        Count = lengths.Count;
        Length = lengths.Max();
        var keys = new float[Count * Length];
        var weights = new float[Count * Length];
        var types = new float[Count * Length];
        for (var b = 0; b < Count; b++)
        {
            for (var t = 0; t < lengths[b]; t++)
            {
                keys[(b * Length) + t] = 1;
                weights[(b * Length) + t] = 1f / lengths[b];
                types[(b * Length) + t] = t < firstSegments[b] ? 0 : 1;
            }
        }

        Keys = new Tensor(keys, Count, 1, 1, Length);
        PoolingWeights = new Tensor(weights, Count, Length, 1);
        HasPairs = firstSegments.Where((f, b) => f < lengths[b]).Any();

        // Without pairs, [1, 1] zero: type 0 for every token without a product per token.
        TokenTypes = HasPairs ? new Tensor(types, Count * Length, 1) : Tensor.Zeros(1, 1);
    }

    /// <summary>The inputs in the batch.</summary>
    public int Count { get; }

    /// <summary>The padded length: the longest input's.</summary>
    public int Length { get; }

    /// <summary>True when some input is a pair (has tokens of type 1).</summary>
    public bool HasPairs { get; }

    /// <summary>The padding mask over keys, [batch, 1, 1, length]: 1 at a real token.</summary>
    public Tensor Keys { get; }

    /// <summary>1/length_b at input b's real tokens and 0 at its padding, [batch, length, 1]: a mean over each input's own tokens.</summary>
    public Tensor PoolingWeights { get; }

    /// <summary>token_type_ids, [batch·length, 1] with pairs, else a [1, 1] zero.</summary>
    public Tensor TokenTypes { get; }

    /// <summary>The batch every party builds from the client's inputs (on the client) or announcement (elsewhere).</summary>
    public static BertBatch Of(IReadOnlyList<BertTokens> inputs, int maxPositions)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return new BertBatch([.. inputs.Select(i => i.Ids.Count)], [.. inputs.Select(i => i.FirstSegment)], maxPositions);
    }

    /// <summary>
    /// The client's one-hot tokens, padded with id 0 to <see cref="Length"/>, as a secret input in <paramref name="format"/>;
    /// <paramref name="ids"/> is null on every party but the client.
    /// </summary>
    public Value Input(IBackend backend, IReadOnlyList<IReadOnlyList<int>>? ids, int vocab, FixedPointFormat format)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (ids is not null && (ids.Count != Count || ids.Where((s, b) => s.Count != _lengths[b]).Any()))
        {
            throw new ArgumentException("The client's token ids do not match the announced lengths.", nameof(ids));
        }

        var padded = ids?.SelectMany(s => s.Concat(Enumerable.Repeat(0, Length - s.Count))).ToList();
        return ClientInputs.OneHotTokens(backend, padded, Count * Length, vocab, format);
    }
}
