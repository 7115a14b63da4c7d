using Ditto.Models.Configs;

namespace Ditto.Models.Bert;

/// <summary>A loaded BERT: its configuration, the encoder and, when the weights have them, the pooler and a sequence-classification head.</summary>
/// <param name="Config">The sizes (and the labels, id2label).</param>
/// <param name="Model">The encoder.</param>
/// <param name="Pooler">The pooler, or null when the weights have none.</param>
/// <param name="Classification">The encoder, pooler and classifier of a BertForSequenceClassification checkpoint, or null.</param>
public sealed record BertCheckpoint(BertConfig Config, BertModel Model, BertPooler? Pooler, BertForSequenceClassification? Classification = null)
{
    /// <summary>The name of each classifier output: id2label, or LABEL_0, LABEL_1, … (Hugging Face's defaults) when the config has none.</summary>
    public IReadOnlyList<string> Labels => Config.Labels
        ?? [.. Enumerable.Range(0, Classification?.ClassifierBias.Length ?? 0).Select(i => $"LABEL_{i}")];
}
