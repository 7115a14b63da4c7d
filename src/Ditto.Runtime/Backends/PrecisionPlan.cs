using System.Collections.Immutable;
using Ditto.Runtime.FixedPoint;

namespace Ditto.Runtime.Backends;

/// <summary>
/// What each named precision means in one run: a compiled model names precisions ("Linear", "NonLinear"); the plan,
/// chosen at run time, gives their rings and fraction bits. Where a plan makes two names equal, converting between them
/// costs nothing.
/// </summary>
public sealed class PrecisionPlan
{
    private readonly ImmutableSortedDictionary<string, FixedPointFormat> _formats;

    /// <summary>Creates a plan from name → format pairs.</summary>
    public PrecisionPlan(IEnumerable<KeyValuePair<string, FixedPointFormat>> formats)
    {
        _formats = formats.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    /// <summary>Ditto's plan: linear layers in Z_2^32 with 8 fraction bits, non-linear layers in Z_2^64 with 18.</summary>
    public static PrecisionPlan Ditto { get; } = new([new(Precision.Linear, FixedPointFormat.Ring32), new(Precision.NonLinear, FixedPointFormat.Ring64)]);

    /// <summary>PUMA's plan: everything in Z_2^64 with 18 fraction bits.</summary>
    public static PrecisionPlan Puma { get; } = new([new(Precision.Linear, FixedPointFormat.Ring64), new(Precision.NonLinear, FixedPointFormat.Ring64)]);

    /// <summary>The defined names.</summary>
    public IEnumerable<string> Names => _formats.Keys;

    /// <summary>The format of a named precision; throws listing the defined names when it is unknown.</summary>
    public FixedPointFormat this[string name] => Resolve(name, null);

    /// <summary>
    /// The format of a named precision that <paramref name="user"/> (a model scope such as "BertLayer.Forward") asks for;
    /// when the plan lacks it, the error names the user, the precision and the plan, and says how to define it.
    /// </summary>
    public FixedPointFormat Resolve(string name, string? user) => _formats.TryGetValue(name, out var f)
        ? f
        : throw new KeyNotFoundException($"{user ?? "The model"} uses the named precision '{name}', which the precision plan ({this}) does not define; give it a format (--plan {name}=64:18, or PrecisionPlan.With(\"{name}\", …)) or use a preset that defines it.");

    /// <summary>A copy with one name (re)defined.</summary>
    public PrecisionPlan With(string name, FixedPointFormat format) => new(_formats.SetItem(name, format));

    /// <summary>Applies overrides written "Name=ring:fraction,Name=ring:fraction" (for example "Linear=32:10").</summary>
    public PrecisionPlan WithOverrides(string overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var plan = this;
        foreach (var item in overrides.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"'{item}' is not a precision override; expected Name=ring:fraction, for example Linear=32:10.");
            }

            plan = plan.With(item[..eq].Trim(), FixedPointFormat.Parse(item[(eq + 1)..].Trim()));
        }

        return plan;
    }

    /// <summary>"Linear=fxp32.8, NonLinear=fxp64.18".</summary>
    public override string ToString() => string.Join(", ", _formats.Select(p => $"{p.Key}={p.Value}"));
}
