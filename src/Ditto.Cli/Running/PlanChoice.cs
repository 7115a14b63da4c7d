using Ditto.Models;
using Ditto.Runtime.Backends;

namespace Ditto.Cli.Running;

/// <summary>
/// What `--preset` and `--plan` mean in every command: the preset (a precision plan and its approximations) and overrides
/// of its named precisions ("Linear=32:10,NonLinear=64:20"). As a shorthand, `--plan` may begin with a preset name
/// ("ditto,Linear=32:14"), which then takes the place of `--preset`.
/// </summary>
internal static class PlanChoice
{
    /// <summary>The option texts' meaning; a FormatException names what was wrong.</summary>
    public static (ModelPreset Preset, PrecisionPlan Plan) Resolve(string preset, string? plan)
    {
        var overrides = plan?.Trim() ?? string.Empty;
        var first = overrides.Split(',', 2, StringSplitOptions.TrimEntries)[0];
        if (first.Length > 0 && !first.Contains('=', StringComparison.Ordinal))
        {
            preset = first;
            overrides = overrides.Length > first.Length ? overrides[(overrides.IndexOf(',', StringComparison.Ordinal) + 1)..].Trim() : string.Empty;
        }

        ModelPreset chosen;
        try
        {
            chosen = Presets.Get(preset);
        }
        catch (KeyNotFoundException)
        {
            throw new FormatException($"'{preset}' is not a preset; use one of {string.Join(", ", Presets.Names)} (--preset), with overrides such as --plan Linear=32:10.");
        }

        return (chosen, overrides.Length == 0 ? chosen.Plan : chosen.Plan.WithOverrides(overrides));
    }

    /// <summary>The help text of `--preset`.</summary>
    public static string PresetHelp => "Precision plan and approximations: " + string.Join(", ", Presets.Names) + ".";

    /// <summary>The help text of `--plan`.</summary>
    public const string PlanHelp = "Override named precisions of the preset, e.g. Linear=32:10 or Linear=32:10,NonLinear=64:20 (or name the preset first: ditto,Linear=32:10).";
}
