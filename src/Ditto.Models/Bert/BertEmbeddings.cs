using Ditto.Models.Layers;

namespace Ditto.Models.Bert;

/// <summary>
/// BERT's input layer: word + position + token-type embeddings, then LayerNorm. The client's token ids are secret, so
/// they arrive as a secret one-hot matrix [T, vocab] and the word lookup is a product with the table (PUMA's method;
/// docs/models.md gives its cost). Positions and the sequence length are public, so the position table is sliced.
/// Kept in the large ring, as Ditto keeps embeddings in high precision.
/// </summary>
[SecureModel]
[FixedPoint(Precision.NonLinear)]
public sealed partial class BertEmbeddings
{
    /// <summary>word_embeddings, [vocab, width].</summary>
    [Weight]
    public required Tensor Words { get; init; }

    /// <summary>position_embeddings, [max positions, width].</summary>
    [Weight]
    public required Tensor Positions { get; init; }

    /// <summary>token_type_embeddings, [types, width].</summary>
    [Weight]
    public required Tensor TokenTypes { get; init; }

    /// <summary>The LayerNorm after the sum.</summary>
    public required LayerNormalization Norm { get; init; }

    /// <summary>The hidden width.</summary>
    public required int Width { get; init; }

    /// <summary>
    /// Embeds a padded batch: <paramref name="oneHotTokens"/> is [batch·length, vocab] (sentence b's tokens in rows
    /// b·length …, a single 1 per row) and <paramref name="tokenTypes"/> the public token_type_ids: [batch·length, 1] of 0
    /// and 1 for sentence pairs (1 for the second sentence), or a single 0 ([1, 1]) when every token has type 0, which
    /// costs nothing. Returns [batch·length, width].
    /// </summary>
    public Tensor Forward(Tensor oneHotTokens, int batch, int length, [Public] Tensor tokenTypes)
    {
        // Row t of the product is Words[id_t]: a table lookup that never reveals the id.
        var words = Tensor.MatMul(oneHotTokens, Words).Reshape(batch, length, Width);

        // Positions 0..length-1 are public: a plain slice, the same for every sentence of the batch.
        var positions = Positions.Slice(0, 0, length);

        // Type 0 everywhere unless a pair marks its second sentence: then row 0 plus the public 0/1 type times the
        // difference of the rows (a local product).
        var first = TokenTypes.Slice(0, 0, 1).Reshape(Width);
        var types = tokenTypes.Length > 1
            ? first + (tokenTypes.Reshape(batch, length, 1) * (TokenTypes.Slice(0, 1, 1).Reshape(Width) - first))
            : first;
        return Norm.Forward((words + positions + types).Reshape(batch * length, Width));
    }

    /// <summary>Embeds one sentence: <paramref name="oneHotTokens"/> is [length, vocab] with a single 1 per row, every token of type 0.</summary>
    public Tensor Forward(Tensor oneHotTokens, int length) => Forward(oneHotTokens, 1, length, Tensor.Zeros(1, 1));
}
