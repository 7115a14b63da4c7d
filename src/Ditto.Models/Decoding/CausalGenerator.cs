using Ditto.Models.Inputs;
using Ditto.Runtime.Backends;

namespace Ditto.Models.Decoding;

/// <summary>
/// The host loop of generation with a KV cache, on any backend and for any <see cref="ICausalLanguageModel"/>: it owns
/// the cache, runs the model's twins for the new tokens only, and reveals only the last position's logits, only to the
/// client, who picks the next token and feeds it back as a secret one-hot input. Every party runs the loop; only the
/// client knows the tokens.
/// </summary>
public sealed class CausalGenerator
{
    private readonly ICausalLanguageModel _model;
    private readonly IBackend _backend;
    private readonly KeyValueCache _cache;

    /// <summary>Starts with an empty cache on the float reference backend.</summary>
    public CausalGenerator(ICausalLanguageModel model)
        : this(model, new FloatBackend(Presets.Ditto.Plan))
    {
    }

    /// <summary>Starts with an empty cache on a backend.</summary>
    public CausalGenerator(ICausalLanguageModel model, IBackend backend)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _backend = backend ?? throw new ArgumentNullException(nameof(backend));
        _cache = new KeyValueCache(backend, model.Layers);
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
        var logits = Hidden(tokens, count, hidden => _model.LogitsAt(_backend, hidden, count - 1));
        using (_backend.Scope("output"))
        {
            return _backend.Reveal(logits, _backend.ClientId)?.Data; // only these logits reach the client
        }
    }

    /// <summary>
    /// Runs new tokens through the model and returns <paramref name="head"/> of their hidden states (still inside the
    /// engine): the logits at one position for generation, at every position for perplexity.
    /// </summary>
    public Value Hidden(IReadOnlyList<int>? tokens, int count, Func<Value, Value> head)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (count <= 0 || Position + count > _model.ContextLength)
        {
            throw new ArgumentException($"Cannot feed {count} tokens at position {Position}: the context holds 1 to {_model.ContextLength - Position} more.", nameof(count));
        }

        var input = ClientInputs.OneHotTokens(_backend, tokens, count, _model.VocabSize, _model.TokenFormat(_backend));
        Value result;
        using (_backend.Scope(_model.Family))
        {
            var x = _model.Embed(_backend, input, Position, count);
            for (var i = 0; i < _model.Layers; i++)
            {
                x = _model.Block(_backend, i, x, Position, _cache);
            }

            result = head(x);
        }

        Position += count;
        return result;
    }

    /// <summary>Greedy decoding with the cache on the float reference backend.</summary>
    public static int[] Greedy(ICausalLanguageModel model, IReadOnlyList<int> prompt, int count)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return Greedy(model, new FloatBackend(Presets.Ditto.Plan), prompt, prompt.Count, count, out _)!;
    }

    /// <summary>
    /// Greedy decoding with the cache on a backend, as one party: the client passes the prompt (other parties null and
    /// the same lengths). The client picks each next token from its revealed logits. Returns the tokens and each step's
    /// logits on the client, null elsewhere.
    /// </summary>
    public static int[]? Greedy(ICausalLanguageModel model, IBackend backend, IReadOnlyList<int>? prompt, int promptLength, int count, out List<float[]>? stepLogits)
    {
        var generator = new CausalGenerator(model, backend);
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

    /// <summary>Greedy decoding without a cache: the model's own forward pass over the whole sequence at every step (the reference path).</summary>
    public static int[] GreedyRecompute(ICausalLanguageModel model, IReadOnlyList<int> prompt, int count)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompt);
        var backend = new FloatBackend(Presets.Ditto.Plan);
        var ids = new List<int>(prompt);
        var result = new int[count];
        for (var step = 0; step < count; step++)
        {
            var input = ClientInputs.OneHotTokens(backend, ids, ids.Count, model.VocabSize, model.TokenFormat(backend));
            var logits = backend.Reveal(model.LogitsAt(backend, model.Forward(backend, input, ids.Count), ids.Count - 1), null)!;
            result[step] = ArgMax(logits.Data);
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
}
