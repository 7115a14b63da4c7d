using Ditto.Models.Tokenizers;

namespace Ditto.Models.Gpt2;

/// <summary>
/// The host loop of generation with a KV cache: it owns the per-block key and value caches, calls the model's methods
/// for the new tokens only, and appends each block's new keys and values with <see cref="Tensor.Concat"/>. Only the
/// last position's logits leave the model. The loop runs over <see cref="Tensor"/> for now; it is kept thin (model calls
/// plus cache bookkeeping) so it can move onto a backend's values once the generated twins exist.
/// </summary>
public sealed class Gpt2Generator
{
    private readonly Gpt2Checkpoint _gpt2;
    private readonly Tensor?[] _keys;
    private readonly Tensor?[] _values;

    /// <summary>Starts with an empty cache.</summary>
    public Gpt2Generator(Gpt2Checkpoint gpt2)
    {
        _gpt2 = gpt2 ?? throw new ArgumentNullException(nameof(gpt2));
        _keys = new Tensor?[gpt2.Model.Blocks.Length];
        _values = new Tensor?[gpt2.Model.Blocks.Length];
    }

    /// <summary>How many positions the cache holds.</summary>
    public int Position { get; private set; }

    /// <summary>
    /// Runs new tokens (a prompt, or one generated token) through the model at the next positions, growing the cache,
    /// and returns the next-token logits after the last of them.
    /// </summary>
    public float[] Feed(IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var model = _gpt2.Model;
        var n = tokens.Count;
        if (n == 0 || Position + n > _gpt2.Config.Positions)
        {
            throw new ArgumentException($"Cannot feed {n} tokens at position {Position}: the context holds 1 to {_gpt2.Config.Positions - Position} more.", nameof(tokens));
        }

        var x = model.Embed(OneHot.Encode(tokens, _gpt2.Config.VocabSize), Position, n);
        for (var i = 0; i < model.Blocks.Length; i++)
        {
            var block = model.Blocks[i];
            var qkv = block.QueryKeyValue(x);
            _keys[i] = Append(_keys[i], block.Keys(qkv));
            _values[i] = Append(_values[i], block.Values(qkv));
            x = block.Complete(x, qkv, _keys[i]!, _values[i]!);
        }

        Position += n;
        return model.LogitsAt(x, n - 1).Data; // the reveal: only these logits reach the client
    }

    /// <summary>Greedy decoding with the cache: the prompt once, then one token per step.</summary>
    public static int[] Greedy(Gpt2Checkpoint gpt2, IReadOnlyList<int> prompt, int count)
    {
        var generator = new Gpt2Generator(gpt2);
        var result = new int[count];
        var logits = generator.Feed(prompt);
        for (var step = 0; step < count; step++)
        {
            result[step] = ArgMax(logits);
            if (step + 1 < count)
            {
                logits = generator.Feed([result[step]]);
            }
        }

        return result;
    }

    /// <summary>Greedy decoding without a cache: the whole sequence recomputed at every step (the reference path).</summary>
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

    private static Tensor Append(Tensor? cache, Tensor fresh) => cache is null ? fresh : Tensor.Concat(0, cache, fresh);
}
