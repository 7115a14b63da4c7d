using Ditto.Models.Configs;

namespace Ditto.Models.Gpt2;

/// <summary>A loaded GPT-2: its configuration and the model.</summary>
/// <param name="Config">The sizes.</param>
/// <param name="Model">The model.</param>
public sealed record Gpt2Checkpoint(Gpt2Config Config, Gpt2Model Model);
