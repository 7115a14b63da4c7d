using Ditto.Models.Inputs;
using Ditto.Models.Tokenizers;
using Ditto.Runtime.Backends;

namespace Ditto.Models.Gpt2;

/// <summary>
/// The host loop of generation with a KV cache, on any backend: it owns the per-block key and value caches (backend
/// values, so secret in MPC), calls the model's twins for the new tokens only, and appends each block's new keys and
/// values with a concatenation. Only the last position's logits leave the model, and only to the client, who picks the
/// next token and feeds it back as a secret one-hot input. Every party runs the loop; only the client knows the tokens.
/// </summary>
public sealed class Gpt2Generator
{
    private readonly Gpt2Checkpoint _gpt2;
    private readonly IBackend _backend;
    private readonly Value?[] _keys;
    private readonly Value?[] _values;

    /// <summary>Starts with an empty cache on the float reference backend.</summary>
    public Gpt2Generator(Gpt2Checkpoint gpt2)
        : this(gpt2, new FloatBackend(Presets.Ditto.Plan))
    {
    }

    /// <summary>Starts with an empty cache on a backend.</summary>
    public Gpt2Generator(Gpt2Checkpoint gpt2, IBackend backend)
    {
        _gpt2 = gpt2 ?? throw new ArgumentNullException(nameof(gpt2));
        _backend = backend ?? throw new ArgumentNullException(nameof(backend));
        _keys = new Value?[gpt2.Model.Blocks.Length];
        _values = new Value?[gpt2.Model.Blocks.Length];
    }

    /// <summary>How many positions the cache holds.</summary>
    public int Position { get; private set; }

    /// <summary>Float-reference convenience: feeds tokens and returns the next-token logits.</summary>
    public float[] Feed(IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return Feed(tokens, tokens.Count) ?? throw new InvalidOperationException("The float backend always reveals to its only party.");
    }

    /// <summary>
    /// Runs <paramref name="count"/> new tokens (a prompt, or one generated token) through the model at the next positions,
    /// growing the cache. The client passes the token ids, other parties null. Returns the next-token logits after the
    /// last of them on the client, null elsewhere.
    /// </summary>
    public float[]? Feed(IReadOnlyList<int>? tokens, int count)
    {
        var model = _gpt2.Model;
        if (count <= 0 || Position + count > _gpt2.Config.Positions)
        {
            throw new ArgumentException($"Cannot feed {count} tokens at position {Position}: the context holds 1 to {_gpt2.Config.Positions - Position} more.", nameof(count));
        }

        var format = ClientInputs.ParameterFormat(Gpt2Model.ModelDescription, nameof(Gpt2Model.Embed), "oneHotTokens", _backend);
        var input = ClientInputs.OneHotTokens(_backend, tokens, count, _gpt2.Config.VocabSize, format);
        Value logits;
        using (_backend.Scope("gpt2"))
        {
            var x = model.Embed(_backend, input, Position, count);
            for (var i = 0; i < model.Blocks.Length; i++)
            {
                var block = model.Blocks[i];
                var qkv = block.QueryKeyValue(_backend, x);
                _keys[i] = Append(_keys[i], block.Keys(_backend, qkv));
                _values[i] = Append(_values[i], block.Values(_backend, qkv));
                x = block.Complete(_backend, x, qkv, _keys[i]!, _values[i]!);
            }

            logits = model.LogitsAt(_backend, x, count - 1);
        }

        Position += count;
        using (_backend.Scope("output"))
        {
            return _backend.Reveal(logits, _backend.ClientId)?.Data; // only these logits reach the client
        }
    }

    /// <summary>Greedy decoding with the cache on the float reference backend.</summary>
    public static int[] Greedy(Gpt2Checkpoint gpt2, IReadOnlyList<int> prompt, int count)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return Greedy(gpt2, new FloatBackend(Presets.Ditto.Plan), prompt, prompt.Count, count, out _)!;
    }

    /// <summary>
    /// Greedy decoding with the cache on a backend, as one party: the client passes the prompt (other parties null and
    /// the same lengths). The client picks each next token from its revealed logits. Returns the tokens and each step's
    /// logits on the client, null elsewhere.
    /// </summary>
    public static int[]? Greedy(Gpt2Checkpoint gpt2, IBackend backend, IReadOnlyList<int>? prompt, int promptLength, int count, out List<float[]>? stepLogits)
    {
        var generator = new Gpt2Generator(gpt2, backend);
        var result = prompt is null ? null : new int[count];
        stepLogits = prompt is null ? null : [];
        var logits = generator.Feed(prompt, promptLength);
        for (var step = 0; step < count; step++)
        {
            if (result is not null)
            {
                stepLogits!.Add(logits!);
                result[step] = ArgMax(logits!);
            }

            if (step + 1 < count)
            {
                logits = generator.Feed(result is null ? null : [result[step]], 1);
            }
        }

        return result;
    }

    /// <summary>Greedy decoding without a cache: the whole sequence recomputed at every step (the plaintext reference path).</summary>
    public static int[] GreedyRecompute(Gpt2Checkpoint gpt2, IReadOnlyList<int> prompt, int count)
    {
        ArgumentNullException.ThrowIfNull(gpt2);
        var ids = new List<int>(prompt);
        var result = new int[count];
        for (var step = 0; step < count; step++)
        {
            var hidden = gpt2.Model.Forward(OneHot.Encode(ids, gpt2.Config.VocabSize), ids.Count);
            result[step] = ArgMax(gpt2.Model.LogitsAt(hidden, ids.Count - 1).Data);
            ids.Add(result[step]);
        }

        return result;
    }

    /// <summary>The index of the largest value (the first, on ties, as torch.argmax).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private Value Append(Value? cache, Value fresh) => cache is null ? fresh : _backend.Concat(0, [cache, fresh]);
}
