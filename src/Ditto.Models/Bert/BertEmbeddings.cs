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

    /// <summary>Embeds one sentence: <paramref name="oneHotTokens"/> is [length, vocab] with a single 1 per row.</summary>
    public Tensor Forward(Tensor oneHotTokens, int length)
    {
        // Row t of the product is Words[id_t]: a table lookup that never reveals the id.
        var words = Tensor.MatMul(oneHotTokens, Words);

        // Positions 0..length-1 are public: a plain slice, no product needed.
        var positions = Positions.Slice(0, 0, length);

        // One sentence per query, so every token has type 0: row 0, broadcast over the tokens.
        var tokenType = TokenTypes.Slice(0, 0, 1).Reshape(Width);
        return Norm.Forward(words + positions + tokenType);
    }
}
