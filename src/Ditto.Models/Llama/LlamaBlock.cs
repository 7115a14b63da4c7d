using Ditto.Runtime.Description;
using Ditto.Models.Layers;

namespace Ditto.Models.Llama;

/// <summary>
/// One LLaMA decoder layer: h = x + Attention(RMSNorm(x)), then h + SwiGLU(RMSNorm(h)) (Hugging Face's
/// LlamaDecoderLayer). Split for a KV cache: <see cref="Normed(Tensor)"/> once for the new tokens, the host appends
/// <see cref="Keys(Tensor, int)"/> and <see cref="Values(Tensor)"/> to its cache, and <see cref="Complete(Tensor, Tensor, Tensor, Tensor, int)"/> attends over all cached positions.
/// <see cref="Forward(Tensor, int)"/> is the same computation without a cache. The residual stream stays in the large ring.
/// </summary>
[SecureModel]
[FixedPoint(Precision.NonLinear)]
public sealed partial class LlamaBlock
{
    /// <summary>input_layernorm.</summary>
    public required RmsNormalization InputNorm { get; init; }

    /// <summary>self_attn.</summary>
    public required LlamaAttention Attention { get; init; }

    /// <summary>post_attention_layernorm.</summary>
    public required RmsNormalization PostAttentionNorm { get; init; }

    /// <summary>mlp: gate_proj, up_proj, down_proj.</summary>
    public required GatedFeedForward Mlp { get; init; }

    /// <summary>The block without a cache for tokens at positions start …: [T, hidden] → [T, hidden].</summary>
    public Tensor Forward(Tensor x, int start)
    {
        var h = Normed(x);
        return Complete(x, h, Keys(h, start), Values(h), start);
    }

    /// <summary>input_layernorm of the new tokens (what the projections read).</summary>
    public Tensor Normed(Tensor x) => InputNorm.Forward(x);

    /// <summary>The new tokens' rotated keys, [T, kv_heads·head_dim].</summary>
    public Tensor Keys(Tensor normed, int start) => Attention.Keys(normed, start);

    /// <summary>The new tokens' values, [T, kv_heads·head_dim].</summary>
    public Tensor Values(Tensor normed) => Attention.Values(normed);

    /// <summary>The rest of the block for the new tokens x, given every position's keys and values so far.</summary>
    public Tensor Complete(Tensor x, Tensor normed, Tensor keys, Tensor values, int start)
    {
        var h = x + Attention.Attend(normed, keys, values, start);
        return h + Mlp.Forward(PostAttentionNorm.Forward(h));
    }

    /// <summary>One block of Qwen2-0.5B's shapes with placeholder weights, for 32 tokens.</summary>
    [InspectionSample("x=32x896", Arguments = "start=0")]
    public static LlamaBlock InspectionSample() => LlamaStateDict.Placeholders(Configs.LlamaConfig.Qwen2Half with { Layers = 1 }).Model.Blocks[0];
}
