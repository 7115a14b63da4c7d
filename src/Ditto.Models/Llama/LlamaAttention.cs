using Ditto.Models.Layers;

namespace Ditto.Models.Llama;

/// <summary>
/// LLaMA's self-attention with rotary position embeddings and grouped-query attention, as Hugging Face's
/// LlamaAttention computes it. Split for a KV cache as <see cref="Gpt2.Gpt2Block"/> is: the host stores
/// <see cref="Keys(Tensor, int)"/> (already rotated to their positions) and <see cref="Values(Tensor)"/>, and <see cref="Attend(Tensor, Tensor, Tensor, int)"/> runs the
/// new queries over all cached positions.
/// </summary>
/// <remarks>
/// Grouped-query attention without copies: query heads g·G … g·G + G − 1 share key/value head g (Hugging Face's
/// repeat_kv), so the queries [H, T, D] are read as [KV, G·T, D] — a reshape, since those heads are adjacent — and
/// multiplied by the KV heads' keys as they are. The RoPE tables are public tensors: rotating sends nothing but the
/// truncations after its products.
/// </remarks>
[SecureModel]
[FixedPoint(Precision.Linear)]
public sealed partial class LlamaAttention
{
    /// <summary>q_proj, [heads·head_dim, hidden].</summary>
    public required Projection QueryProjection { get; init; }

    /// <summary>k_proj, [kv_heads·head_dim, hidden].</summary>
    public required Projection KeyProjection { get; init; }

    /// <summary>v_proj, [kv_heads·head_dim, hidden].</summary>
    public required Projection ValueProjection { get; init; }

    /// <summary>o_proj, [hidden, heads·head_dim].</summary>
    public required Projection OutputProjection { get; init; }

    /// <summary>num_attention_heads.</summary>
    public required int Heads { get; init; }

    /// <summary>num_key_value_heads.</summary>
    public required int KeyValueHeads { get; init; }

    /// <summary>head_dim.</summary>
    public required int HeadSize { get; init; }

    /// <summary>rope_theta.</summary>
    public required double Theta { get; init; }

    /// <summary>1/√(head_dim), applied to the scores.</summary>
    public required double Scale { get; init; }

    /// <summary>The new tokens' keys at positions start …, rotated: [T, kv_heads·head_dim] (what a KV cache stores).</summary>
    public Tensor Keys(Tensor h, int start)
    {
        var length = h.Shape[0];
        var cos = RotaryEmbedding.Cos(start, length, HeadSize, Theta);
        var sin = RotaryEmbedding.Sin(start, length, HeadSize, Theta);
        return Ops.MergeHeads(Rotate(Ops.SplitHeads(KeyProjection.Forward(h), KeyValueHeads), cos, sin));
    }

    /// <summary>The new tokens' values, [T, kv_heads·head_dim].</summary>
    public Tensor Values(Tensor h) => ValueProjection.Forward(h);

    /// <summary>
    /// Causal attention of the new tokens h (at positions start … start + T − 1) over every position's keys and values
    /// so far (cached first, then the new ones), then o_proj: [T, hidden].
    /// </summary>
    public Tensor Attend(Tensor h, Tensor keys, Tensor values, int start)
    {
        var length = h.Shape[0];
        var positions = keys.Shape[0];
        var groups = Heads / KeyValueHeads;                                                // query heads per key/value head
        var cos = RotaryEmbedding.Cos(start, length, HeadSize, Theta);
        var sin = RotaryEmbedding.Sin(start, length, HeadSize, Theta);
        var q = Rotate(Ops.SplitHeads(QueryProjection.Forward(h), Heads), cos, sin);        // [H, T, D]
        var k = Ops.SplitHeads(keys, KeyValueHeads);                                       // [KV, S, D]
        var v = Ops.SplitHeads(values, KeyValueHeads);
        var grouped = q.Reshape(KeyValueHeads, groups * length, HeadSize);                 // [KV, G·T, D]
        var scores = Tensor.MatMul(grouped, k, transposeB: true) * Scale;
        var probabilities = AttentionProbabilities(scores.Reshape(Heads, length, positions)); // [H, T, S]
        var context = Tensor.MatMul(probabilities.Reshape(KeyValueHeads, groups * length, positions), v);
        return OutputProjection.Forward(Ops.MergeHeads(context.Reshape(Heads, length, HeadSize)));
    }

    /// <summary>x·cos + rotate_half(x)·sin over heads [n, T, D], with the public tables [T, D].</summary>
    public Tensor Rotate(Tensor x, [Public] Tensor cos, [Public] Tensor sin)
    {
        var half = HeadSize / 2;
        var rotated = Tensor.Concat(-1, -x.Slice(-1, half, half), x.Slice(-1, 0, half));
        return (x * cos) + (rotated * sin);
    }

    /// <summary>
    /// The causal softmax over [H, T, S], scheduled as in GPT-2's block; the new queries are the last T of the S
    /// positions, so query i sees keys 0 … S − T + i.
    /// </summary>
    public Tensor AttentionProbabilities(Tensor scores) => Ops.CausalSoftmax(scores);
}
