using System.Globalization;
using Ditto.Models.Bert;
using Ditto.Models.Configs;
using Ditto.Models.Synthetic;
using Ditto.Models.Weights;

namespace Ditto.Models.Tests.Support;

/// <summary>
/// A BertForSequenceClassification folder as Hugging Face saves one — config.json with id2label, vocab.txt,
/// model.safetensors with the "bert." prefix, pooler and classifier — at a tiny size with seeded random weights. The
/// pooler and classifier are drawn wider than Hugging Face's initialisation so the logits spread over a few units and
/// the labels are decided by clear margins. Shared by the model and CLI tests (linked into both).
/// </summary>
internal static class TinyBertClassifier
{
    /// <summary>MNLI's labels: a pair task.</summary>
    public static readonly string[] Labels = ["contradiction", "entailment", "neutral"];

    /// <summary>The words of the tiny vocabulary (after the five special tokens).</summary>
    public static readonly string[] Words =
    [
        "the", "a", "cat", "dog", "sits", "runs", "on", "in", "mat", "park", "is", "was", "not", "happy", "sad", "film",
        "movie", "good", "bad", "great", "what", "who", "it", ".", ",", "?", "!", "##s", "and", "very",
    ];

    public static BertConfig Config { get; } = new()
    {
        VocabSize = 5 + Words.Length, HiddenSize = 32, Layers = 2, Heads = 4, IntermediateSize = 64, MaxPositions = 32,
    };

    /// <summary>Writes the folder; <paramref name="id2label"/> replaces the config's id2label JSON (null leaves it out) and
    /// <paramref name="withPooler"/> false drops the pooler's tensors.</summary>
    public static void Write(string folder, string? id2label = "default", bool withPooler = true, int labels = 3)
    {
        var c = Config;
        var labelsJson = id2label == "default"
            ? "{" + string.Join(", ", Labels.Select((l, i) => $"\"{i}\": \"{l}\"")) + "}"
            : id2label;
        var labelField = labelsJson is null ? string.Empty : $", \"id2label\": {labelsJson}";
        File.WriteAllText(Path.Combine(folder, "config.json"), string.Create(CultureInfo.InvariantCulture, $$"""
            {"architectures": ["BertForSequenceClassification"], "model_type": "bert", "vocab_size": {{c.VocabSize}},
             "hidden_size": {{c.HiddenSize}}, "num_hidden_layers": {{c.Layers}}, "num_attention_heads": {{c.Heads}},
             "intermediate_size": {{c.IntermediateSize}}, "max_position_embeddings": {{c.MaxPositions}},
             "type_vocab_size": 2, "hidden_act": "gelu"{{labelField}}}
            """));
        File.WriteAllLines(Path.Combine(folder, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", .. Words]);
        var shapes = BertStateDict.Shapes(c)
            .Linear("pooler.dense", c.HiddenSize, c.HiddenSize)
            .Shapes.ToDictionary(p => "bert." + p.Key, p => p.Value);
        shapes["classifier.weight"] = [labels, c.HiddenSize];
        shapes["classifier.bias"] = [labels];
        var random = new RandomWeights(shapes, 7, "tiny classifier");
        var tensors = shapes.Keys
            .Where(n => withPooler || !n.Contains("pooler", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new KeyValuePair<string, Tensor>(n, Widen(n, random.Read(n))))
            .ToList();
        SafeTensorsWriter.Write(Path.Combine(folder, SafeTensors.SingleFileName), tensors);
    }

    /// <summary>The head's matrices at deviation 0.4 (0.02 × 20): pooled values across tanh's range and logits a few units apart.</summary>
    private static Tensor Widen(string name, Tensor t) =>
        name is "bert.pooler.dense.weight" or "classifier.weight" or "classifier.bias" ? t * 20 : t;
}
