namespace Ditto.Runtime.Ledger;

/// <summary>
/// The layer types costs are broken down by. The fixed-point backend opens the category of each operation as the
/// innermost cost scope: a matrix product with a weight is <see cref="Linear"/>, one between two activations
/// <see cref="Attention"/>, one with the client's private input <see cref="Embedding"/>; the truncation that follows a
/// product belongs to the product's category; a ring change is a <see cref="Conversion"/>.
/// </summary>
public static class CostCategories
{
    /// <summary>The client's tokens times the embedding table.</summary>
    public const string Embedding = "embedding";

    /// <summary>Products with weights (projections, feed-forward) and their truncations.</summary>
    public const string Linear = "linear";

    /// <summary>Products between activations (Q·Kᵀ, P·V) and their truncations.</summary>
    public const string Attention = "attention";

    /// <summary>Softmax.</summary>
    public const string Softmax = "softmax";

    /// <summary>GeLU.</summary>
    public const string Gelu = "gelu";

    /// <summary>SiLU (LLaMA's SwiGLU activation).</summary>
    public const string Silu = "silu";

    /// <summary>LayerNorm.</summary>
    public const string LayerNorm = "layernorm";

    /// <summary>Up- and downcasts between rings.</summary>
    public const string Conversion = "conversion";

    /// <summary>Sharing inputs and announcing public sizes.</summary>
    public const string Input = "input";

    /// <summary>Revealing results.</summary>
    public const string Output = "output";

    /// <summary>Everything else (other functions, element-wise products, pooling).</summary>
    public const string Other = "other";

    /// <summary>The categories in reporting order.</summary>
    public static IReadOnlyList<string> All { get; } = [Embedding, Linear, Attention, Softmax, Gelu, Silu, LayerNorm, Conversion, Input, Output, Other];

    /// <summary>The category of a cost row: the last segment of its scope when it is a category, else <see cref="Other"/>.</summary>
    public static string Of(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var last = scope[(scope.LastIndexOf('/') + 1)..];
        return All.Contains(last) ? last : Other;
    }

    /// <summary>A sort key: the categories in <see cref="All"/> order, anything else after them.</summary>
    public static int Order(string category)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i] == category)
            {
                return i;
            }
        }

        return All.Count;
    }
}
