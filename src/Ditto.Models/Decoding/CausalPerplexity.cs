using Ditto.Models.Inputs;
using Ditto.Runtime.Backends;

namespace Ditto.Models.Decoding;

/// <summary>
/// Perplexity by the protocol of the shipped models' expected.json: the text's tokens are cut into consecutive windows
/// of the context length (the last may be shorter), each window runs on its own from position 0, and every token of a
/// window except its first is predicted from those before it. A plaintext evaluation harness over the model's methods.
/// </summary>
public static class CausalPerplexity
{
    /// <summary>Evaluates the first <paramref name="maxWindows"/> windows (all by default) of <paramref name="window"/> tokens (0: the context length) in plain float.</summary>
    public static PerplexityResult Evaluate(ICausalLanguageModel model, IReadOnlyList<int> tokens, int window = 0, int maxWindows = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return Evaluate(model, new FloatBackend(Presets.Ditto.Plan), tokens, tokens.Count, window, maxWindows)!;
    }

    /// <summary>
    /// The same on a backend, as one party: the client passes the tokens (other parties null and the same count). Each
    /// window's logits are revealed to the client, which scores them; returns the result on the client, null elsewhere.
    /// </summary>
    public static PerplexityResult? Evaluate(ICausalLanguageModel model, IBackend backend, IReadOnlyList<int>? tokens, int tokenCount, int window = 0, int maxWindows = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(backend);
        window = window == 0 ? model.ContextLength : window;
        if (window < 2 || window > model.ContextLength)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, $"A window holds 2 to {model.ContextLength} tokens.");
        }

        var vocab = model.VocabSize;
        var format = model.TokenFormat(backend);
        double nll = 0;
        var predictions = 0;
        var windows = 0;
        for (var start = 0; start < tokenCount && windows < maxWindows; start += window, windows++)
        {
            var length = Math.Min(window, tokenCount - start);
            var ids = tokens is null ? null : Enumerable.Range(start, length).Select(i => tokens[i]).ToArray();
            var input = ClientInputs.OneHotTokens(backend, ids, length, vocab, format);
            Value logitsValue;
            using (backend.Scope(model.Family))
            {
                logitsValue = model.Logits(backend, model.Forward(backend, input, length));
            }

            float[]? logits;
            using (backend.Scope("output"))
            {
                logits = backend.Reveal(logitsValue, backend.ClientId)?.Data;
            }

            if (logits is null || ids is null)
            {
                continue;
            }

            for (var t = 0; t + 1 < length; t++)
            {
                nll += LogSumExp(logits.AsSpan(t * vocab, vocab)) - logits[(t * vocab) + ids[t + 1]];
                predictions++;
            }
        }

        return tokens is null ? null : new PerplexityResult(windows, predictions, predictions == 0 ? 0 : nll / predictions);
    }

    /// <summary>The number of predictions the protocol makes on <paramref name="tokenCount"/> tokens (every token but each window's first).</summary>
    public static int Predictions(int tokenCount, int window) => tokenCount - ((tokenCount + window - 1) / window);

    /// <summary>log Σ e^x in double precision.</summary>
    public static double LogSumExp(ReadOnlySpan<float> values)
    {
        double max = double.NegativeInfinity;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        foreach (var v in values)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }
}

/// <summary>The outcome of a perplexity evaluation.</summary>
/// <param name="Windows">Windows evaluated.</param>
/// <param name="Predictions">Tokens predicted.</param>
/// <param name="MeanNll">Mean negative log-likelihood (nats).</param>
public sealed record PerplexityResult(int Windows, int Predictions, double MeanNll)
{
    /// <summary>exp(mean NLL).</summary>
    public double Perplexity => Math.Exp(MeanNll);
}
