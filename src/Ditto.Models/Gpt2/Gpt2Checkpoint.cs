using Ditto.Models.Configs;
using Ditto.Models.Decoding;
using Ditto.Models.Inputs;
using Ditto.Runtime.Backends;
using Ditto.Runtime.FixedPoint;

namespace Ditto.Models.Gpt2;

/// <summary>A loaded GPT-2: its configuration and the model, as the decoding loops run it.</summary>
/// <param name="Config">The sizes.</param>
/// <param name="Model">The model.</param>
public sealed record Gpt2Checkpoint(Gpt2Config Config, Gpt2Model Model) : ICausalLanguageModel
{
    /// <inheritdoc/>
    public string Family => "gpt2";

    /// <inheritdoc/>
    public int VocabSize => Config.VocabSize;

    /// <inheritdoc/>
    public int ContextLength => Config.Positions;

    /// <inheritdoc/>
    public int Layers => Model.Blocks.Length;

    /// <inheritdoc/>
    public FixedPointFormat TokenFormat(IBackend backend) => ClientInputs.ParameterFormat(Gpt2Model.ModelDescription, nameof(Gpt2Model.Embed), "oneHotTokens", backend);

    /// <inheritdoc/>
    public Value Embed(IBackend backend, Value oneHotTokens, int start, int count) => Model.Embed(backend, oneHotTokens, start, count);

    /// <inheritdoc/>
    public Value Forward(IBackend backend, Value oneHotTokens, int count) => Model.Forward(backend, oneHotTokens, count);

    /// <inheritdoc/>
    public Value Block(IBackend backend, int layer, Value x, int start, KeyValueCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var block = Model.Blocks[layer];
        var qkv = block.QueryKeyValue(backend, x);
        var (keys, values) = cache.Append(layer, block.Keys(backend, qkv), block.Values(backend, qkv));
        return block.Complete(backend, x, qkv, keys, values);
    }

    /// <inheritdoc/>
    public Value Logits(IBackend backend, Value hidden) => Model.Logits(backend, hidden);

    /// <inheritdoc/>
    public Value LogitsAt(IBackend backend, Value hidden, int position) => Model.LogitsAt(backend, hidden, position);
}
