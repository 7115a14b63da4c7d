using Ditto.Models.Inputs;
using Ditto.Runtime.Backends;

namespace Ditto.Models.Bert;

/// <summary>What the client learns about one input from a classification head.</summary>
/// <param name="Logits">The classifier's outputs, one per label.</param>
/// <param name="Label">The label of the largest logit (id2label).</param>
/// <param name="Score">Its softmax probability, computed by the client from the revealed logits.</param>
public sealed record TextClassification(float[] Logits, string Label, double Score);

/// <summary>
/// The host side of sequence classification (Hugging Face's text-classification pipeline): the client's inputs (single
/// sentences or pairs) run through <see cref="BertForSequenceClassification"/> in one padded pass; only the logits are
/// revealed, to the client, which takes the argmax and the softmax score itself.
/// </summary>
public static class SequenceClassifier
{
    /// <summary>
    /// Classifies a batch as one party: the client passes its tokens (every other party null) and gets one
    /// <see cref="TextClassification"/> per input; null elsewhere. Throws when the checkpoint has no classification head.
    /// </summary>
    public static IReadOnlyList<TextClassification>? Classify(BertCheckpoint bert, IBackend backend, IReadOnlyList<BertTokens>? inputs, BertBatch batch)
    {
        ArgumentNullException.ThrowIfNull(bert);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(batch);
        var head = bert.Classification
            ?? throw new InvalidOperationException("This BERT checkpoint has no sequence-classification head (classifier.weight).");
        var format = ClientInputs.ParameterFormat(BertForSequenceClassification.ModelDescription, nameof(BertForSequenceClassification.Forward), "oneHotTokens", backend);
        var input = batch.Input(backend, inputs?.Select(i => i.Ids).ToList(), bert.Config.VocabSize, format);
        Value logits;
        using (backend.Scope("bert"))
        {
            logits = head.Forward(backend, input, batch.Count, batch.Length, batch.TokenTypes, batch.Keys);
        }

        using (backend.Scope("output"))
        {
            if (backend.Reveal(logits, backend.ClientId) is not { } revealed)
            {
                return null;
            }

            var labels = bert.Labels;
            return [.. Enumerable.Range(0, batch.Count).Select(b => Decide(revealed.Data.AsSpan(b * labels.Count, labels.Count).ToArray(), labels))];
        }
    }

    /// <summary>The argmax label and its softmax probability (computed stably, in double).</summary>
    public static TextClassification Decide(float[] logits, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        if (logits.Length == 0 || logits.Length != labels.Count)
        {
            throw new ArgumentException($"{logits.Length} logits for {labels.Count} labels.", nameof(logits));
        }

        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            best = logits[i] > logits[best] ? i : best;
        }

        var total = logits.Sum(l => Math.Exp(l - logits[best]));
        return new TextClassification(logits, labels[best], 1 / total);
    }
}
