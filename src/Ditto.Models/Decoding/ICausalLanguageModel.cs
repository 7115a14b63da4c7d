using Ditto.Runtime.Backends;
using Ditto.Runtime.FixedPoint;

namespace Ditto.Models.Decoding;

/// <summary>
/// A decoder-only language model as the generation and perplexity loops see it (GPT-2, the LLaMA family): an embedding
/// of the client's one-hot tokens at public positions, blocks that extend a <see cref="KeyValueCache"/>, and the LM
/// head. Each member calls the model's generated twins, so the loops run on any backend.
/// </summary>
public interface ICausalLanguageModel
{
    /// <summary>The family ("gpt2", "llama"), the cost scope the loops open.</summary>
    string Family { get; }

    /// <summary>vocab_size.</summary>
    int VocabSize { get; }

    /// <summary>The longest context (n_positions, max_position_embeddings).</summary>
    int ContextLength { get; }

    /// <summary>The number of blocks.</summary>
    int Layers { get; }

    /// <summary>The format the embedding expects the client's one-hot tokens in, resolved through the backend's plan.</summary>
    FixedPointFormat TokenFormat(IBackend backend);

    /// <summary>The hidden states of <paramref name="count"/> tokens at positions start … start + count − 1.</summary>
    Value Embed(IBackend backend, Value oneHotTokens, int start, int count);

    /// <summary>The hidden states of a whole sequence from position 0 by the model's own forward pass, without a cache.</summary>
    Value Forward(IBackend backend, Value oneHotTokens, int count);

    /// <summary>Block <paramref name="layer"/> over the new tokens x at positions start …, appending their keys and values to the cache.</summary>
    Value Block(IBackend backend, int layer, Value x, int start, KeyValueCache cache);

    /// <summary>Next-token logits at every position of <paramref name="hidden"/>, [T, vocab].</summary>
    Value Logits(IBackend backend, Value hidden);

    /// <summary>Next-token logits at one position, [1, vocab].</summary>
    Value LogitsAt(IBackend backend, Value hidden, int position);
}
