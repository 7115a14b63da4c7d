using Ditto.Models.Bert;
using Ditto.Models.Decoding;
using Ditto.Runtime.Backends;

namespace Ditto.Models.Hosting;

/// <summary>
/// One inference as every party runs it (SPMD), on any backend. Only the client holds the request; the public sizes the
/// computation needs (the mode, how many texts, each text's token count, how many tokens to generate) are announced by
/// the client, and everything the client learns is revealed to it alone.
/// </summary>
public static class InferenceProgram
{
    private const int EncodeMode = 1, GenerateMode = 2, PerplexityMode = 3;

    /// <summary>Runs the request as one party; <paramref name="request"/> is null on every party but the client, which gets the answer.</summary>
    public static InferenceAnswer? Run(IBackend backend, LoadedModel model, InferenceRequest? request)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(model);
        return model switch
        {
            EncoderModel encoder => Encode(backend, encoder, request),
            DecoderModel decoder => Decode(backend, decoder, request),
            _ => throw new ArgumentException($"Unknown model kind {model.GetType().Name}.", nameof(model)),
        };
    }

    private static InferenceAnswer? Encode(IBackend backend, EncoderModel model, InferenceRequest? request)
    {
        // The client announces each input's length and where its second segment starts (a pair's token types are public
        // like the lengths); the texts never leave it.
        var inputs = request is null ? null : EncoderInputs(model, request);
        var header = backend.Announce(inputs is null ? null : [EncodeMode, .. inputs.SelectMany(i => new[] { i.Ids.Count, i.FirstSegment })], backend.ClientId);
        Expect(header[0], EncodeMode);
        if (header.Length < 3 || header.Length % 2 == 0)
        {
            throw new ArgumentException("An encoder run needs at least one text; the client announced none.");
        }

        var pairs = header[1..].Chunk(2).ToArray();
        var batch = new BertBatch([.. pairs.Select(p => p[0])], [.. pairs.Select(p => p[1])], model.Checkpoint.Config.MaxPositions);

        // Every input in one pass, padded to the longest: the batch costs the rounds of one input. A checkpoint with a
        // classification head classifies; an encoder alone embeds.
        if (model.Checkpoint.Classification is not null)
        {
            var classes = SequenceClassifier.Classify(model.Checkpoint, backend, inputs, batch);
            return inputs is null ? null : new InferenceAnswer { Classifications = classes };
        }

        var embeddings = SentenceEncoder.EmbedBatch(model.Checkpoint, backend, inputs, batch);
        return inputs is null ? null : new InferenceAnswer { Embeddings = embeddings };
    }

    /// <summary>The request's texts, then its pairs, as token ids.</summary>
    private static List<BertTokens> EncoderInputs(EncoderModel model, InferenceRequest request) =>
    [
        .. request.Texts.Select(t => BertTokens.Single(model.Encoder.Tokenize(t))),
        .. (request.Pairs ?? []).Select(p => model.Encoder.TokenizePair(p.First, p.Second)),
    ];

    private static InferenceAnswer? Decode(IBackend backend, DecoderModel model, InferenceRequest? request)
    {
        IReadOnlyList<int>? tokens = null;
        int[]? header = null;
        if (request is not null)
        {
            if (request.Pairs is { Count: > 0 })
            {
                throw new ArgumentException($"{model.Name} is a decoder; sentence pairs are for BERT encoders and classifiers.");
            }

            if (request.PerplexityText is { } text)
            {
                tokens = model.Tokenizer.EncodeToIds(text);
                header = [PerplexityMode, tokens.Count, Math.Min(request.MaxWindows, 1 << 20)];
            }
            else
            {
                tokens = model.Tokenizer.EncodeToIds(request.Texts.Count > 0 ? request.Texts[0] : string.Empty);
                header = [GenerateMode, tokens.Count, request.Generate];
            }
        }

        header = backend.Announce(header, backend.ClientId);
        if (header.Length != 3 || header[1] <= 0)
        {
            throw new ArgumentException($"A decoder run needs a non-empty text; the client announced {string.Join(", ", header)}.");
        }

        if (header[0] == PerplexityMode)
        {
            var result = CausalPerplexity.Evaluate(model.Checkpoint, backend, tokens, header[1], maxWindows: header[2]);
            return tokens is null ? null : new InferenceAnswer { Perplexity = result };
        }

        Expect(header[0], GenerateMode);
        if (header[2] <= 0)
        {
            throw new ArgumentException($"Generation needs at least one token to generate, not {header[2]}.");
        }

        var generated = CausalGenerator.Greedy(model.Checkpoint, backend, tokens, header[1], header[2], out var logits);
        return tokens is null ? null : new InferenceAnswer { PromptTokens = tokens, Tokens = generated, StepLogits = logits };
    }

    private static void Expect(int mode, int expected)
    {
        if (mode != expected)
        {
            throw new InvalidOperationException($"The client announced mode {mode} but this model runs mode {expected}.");
        }
    }
}
