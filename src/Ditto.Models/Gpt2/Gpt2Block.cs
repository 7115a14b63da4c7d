using Ditto.Models.Configs;
using Ditto.Models.Layers;
using Ditto.Runtime.Description;

namespace Ditto.Models.Gpt2;

/// <summary>
/// One pre-LN GPT-2 block: x + Attention(LN1(x)), then h + MLP(LN2(h)). Split into methods so a generation loop can
/// keep a KV cache: <see cref="QueryKeyValue(Tensor)"/> projects the new tokens, the host appends <see cref="Keys(Tensor)"/> and
/// <see cref="Values(Tensor)"/> to its cache, and <see cref="Complete(Tensor, Tensor, Tensor, Tensor)"/> attends over all cached positions.
/// <see cref="Forward(Tensor)"/> is the same computation without a cache. The residual stream stays in the large ring.
/// </summary>
[SecureModel]
[FixedPoint(Precision.NonLinear)]
public sealed partial class Gpt2Block
{
    /// <summary>ln_1.</summary>
    public required LayerNormalization Norm1 { get; init; }

    /// <summary>attn.c_attn: the fused query | key | value projection, [width, 3·width].</summary>
    public required Dense QueryKeyValueProjection { get; init; }

    /// <summary>attn.c_proj.</summary>
    public required Dense OutputProjection { get; init; }

    /// <summary>ln_2.</summary>
    public required LayerNormalization Norm2 { get; init; }

    /// <summary>mlp.c_fc → GeLU → mlp.c_proj.</summary>
    public required FeedForward Mlp { get; init; }

    /// <summary>n_embd.</summary>
    public required int Width { get; init; }

    /// <summary>n_head.</summary>
    public required int Heads { get; init; }

    /// <summary>1/√(head size), applied to the scores.</summary>
    public required double Scale { get; init; }

    /// <summary>The block without a cache: [T, width] → [T, width].</summary>
    public Tensor Forward(Tensor x)
    {
        var qkv = QueryKeyValue(x);
        return Complete(x, qkv, Keys(qkv), Values(qkv));
    }

    /// <summary>LN1 then c_attn for the new tokens: [T, 3·width], queries | keys | values.</summary>
    public Tensor QueryKeyValue(Tensor x) => QueryKeyValueProjection.Forward(Norm1.Forward(x));

    /// <summary>The keys of the new tokens, [T, width] (what a KV cache stores).</summary>
    public Tensor Keys(Tensor qkv) => qkv.Slice(1, Width, Width);

    /// <summary>The values of the new tokens, [T, width].</summary>
    public Tensor Values(Tensor qkv) => qkv.Slice(1, 2 * Width, Width);

    /// <summary>
    /// The rest of the block for the new tokens x, given their projections and the keys and values of every position so
    /// far (cached ones first, then the new ones): [T, width] → [T, width].
    /// </summary>
    public Tensor Complete(Tensor x, Tensor qkv, Tensor keys, Tensor values)
    {
        var h = x + Attend(qkv.Slice(1, 0, Width), keys, values);
        return h + Mlp.Forward(Norm2.Forward(h));
    }

    /// <summary>Causal multi-head attention of the new queries over all keys, then c_proj.</summary>
    [FixedPoint(Precision.Linear)]
    public Tensor Attend(Tensor queries, Tensor keys, Tensor values)
    {
        var q = Ops.SplitHeads(queries, Heads);                        // [heads, T, head size]
        var k = Ops.SplitHeads(keys, Heads);                           // [heads, S, head size], S ≥ T
        var v = Ops.SplitHeads(values, Heads);
        var scores = Tensor.MatMul(q, k, transposeB: true) * Scale;   // [heads, T, S]
        var context = Tensor.MatMul(AttentionProbabilities(scores), v);
        return OutputProjection.Forward(Ops.MergeHeads(context));      // [T, width]
    }

    /// <summary>
    /// The causal softmax, scheduled as in BERT's attention (max and subtraction in the linear precision, exp and the
    /// reciprocal in the preset's non-linear precision, probabilities back in the linear precision, as the distilled model
    /// was trained). The new queries are the last T of the S positions, so query i sees keys 0 … S − T + i.
    /// </summary>
    [FixedPoint(Precision.Linear)]
    public Tensor AttentionProbabilities(Tensor scores) => Ops.CausalSoftmax(scores);

    /// <summary>One GPT-2 small block with placeholder weights, for 128 tokens.</summary>
    [InspectionSample("x=128x768")]
    public static Gpt2Block InspectionSample() => Gpt2StateDict.Placeholders(Gpt2Config.Small with { Layers = 1 }).Model.Blocks[0];
}
