using Ditto.Models.Configs;
using Ditto.Models.Decoding;
using Ditto.Models.Inputs;
using Ditto.Runtime.Backends;
using Ditto.Runtime.FixedPoint;

namespace Ditto.Models.Llama;

/// <summary>A loaded LLaMA-architecture decoder: its configuration and the model, as the decoding loops run it.</summary>
/// <param name="Config">The sizes.</param>
/// <param name="Model">The model.</param>
public sealed record LlamaCheckpoint(LlamaConfig Config, LlamaModel Model) : ICausalLanguageModel
{
    /// <inheritdoc/>
    public string Family => "llama";

    /// <inheritdoc/>
    public int VocabSize => Config.VocabSize;

    /// <inheritdoc/>
    public int ContextLength => Config.Positions;

    /// <inheritdoc/>
    public int Layers => Model.Blocks.Length;

    /// <inheritdoc/>
    public FixedPointFormat TokenFormat(IBackend backend) => ClientInputs.ParameterFormat(LlamaModel.ModelDescription, nameof(LlamaModel.Embed), "oneHotTokens", backend);

    /// <inheritdoc/>
    public Value Embed(IBackend backend, Value oneHotTokens, int start, int count) => Model.Embed(backend, oneHotTokens);

    /// <inheritdoc/>
    public Value Forward(IBackend backend, Value oneHotTokens, int count) => Model.Forward(backend, oneHotTokens);

    /// <inheritdoc/>
    public Value Block(IBackend backend, int layer, Value x, int start, KeyValueCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var block = Model.Blocks[layer];
        var normed = block.Normed(backend, x);
        var (keys, values) = cache.Append(layer, block.Keys(backend, normed, start), block.Values(backend, normed));
        return block.Complete(backend, x, normed, keys, values, start);
    }

    /// <inheritdoc/>
    public Value Logits(IBackend backend, Value hidden) => Model.Logits(backend, hidden);

    /// <inheritdoc/>
    public Value LogitsAt(IBackend backend, Value hidden, int position) => Model.LogitsAt(backend, hidden, position);
}
