using Ditto.Cli.Running;
using Ditto.Models;

namespace Ditto.Cli.Bench;

/// <summary>One benchmark run as every party sees it: the `bench` job's arguments when the parties are processes.</summary>
/// <param name="Model">The catalog name.</param>
/// <param name="Seq">Input tokens.</param>
/// <param name="Generate">Tokens to generate (decoders).</param>
/// <param name="Preset">The preset's name.</param>
/// <param name="Seed">Seed of the random weights and of the client's tokens.</param>
/// <param name="Plan">Overrides of the preset's named precisions (`--plan`), or null.</param>
internal sealed record BenchSpec(string Model, int Seq, int Generate, string Preset, ulong Seed, string? Plan = null)
{
    /// <summary>The preset with the plan's overrides.</summary>
    public ModelPreset Settings
    {
        get
        {
            var (preset, plan) = PlanChoice.Resolve(Preset, Plan);
            return preset with { Plan = plan };
        }
    }
}
