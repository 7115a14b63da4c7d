using Ditto.Models.Configs;

namespace Ditto.Models.Bert;

/// <summary>A loaded BERT: its configuration, the encoder and, when the weights have one, the pooler.</summary>
/// <param name="Config">The sizes.</param>
/// <param name="Model">The encoder.</param>
/// <param name="Pooler">The pooler, or null when the weights have none.</param>
public sealed record BertCheckpoint(BertConfig Config, BertModel Model, BertPooler? Pooler);
