using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Ditto.Cli.Running;
using Ditto.Models;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Description;
using Ditto.Runtime.Engines.Cost;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;
using Spectre.Console;

namespace Ditto.Cli.Commands;

/// <summary>
/// `ditto inspect [model]`: what the generator made of a secure model (formats per method, every inserted conversion
/// with its reason and line) and a cost estimate for given shapes under a precision plan. Models are found through the
/// catalog the generator emits (<see cref="ModelCatalog"/>) in the assemblies listed in <see cref="Assemblies"/>.
/// </summary>
internal static class InspectCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The assemblies whose secure models `ditto inspect` lists: Ditto.Models (BERT, GPT-2 and their layers).</summary>
    public static Assembly[] Assemblies => [typeof(Ditto.Models.Bert.BertModel).Assembly];

    public static Command Create()
    {
        var model = new Argument<string?>("model") { Description = "The model's name (omit to list the models).", Arity = ArgumentArity.ZeroOrOne };
        var method = new Option<string?>("--method") { Description = "The method to estimate (default: the sample's method, else Forward, else the first)." };
        var shapes = new Option<string[]>("--shape") { Description = "Input shapes by parameter, name=dims (x=128x768); repeat for several parameters. Default: the model's inspection sample.", AllowMultipleArgumentsPerToken = true };
        var args = new Option<string[]>("--arg") { Description = "Values of public parameters, name=value (depth=2); repeatable.", AllowMultipleArgumentsPerToken = true };
        var preset = new Option<string>("--preset") { Description = PlanChoice.PresetHelp, DefaultValueFactory = _ => "ditto" };
        var plan = new Option<string?>("--plan") { Description = PlanChoice.PlanHelp };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var command = new Command("inspect", "Show a secure model's formats, the conversions the generator inserted (why, where), and a cost estimate for given shapes.")
        {
            model, method, shapes, args, preset, plan, json,
        };
        command.SetAction(parse => Run(parse.GetValue(model), parse.GetValue(method), parse.GetValue(shapes) ?? [], parse.GetValue(args) ?? [], parse.GetValue(preset)!, parse.GetValue(plan), parse.GetValue(json)));
        return command;
    }

    private static int Run(string? name, string? methodName, string[] shapeTexts, string[] argTexts, string presetText, string? planText, bool json)
    {
        var catalog = ModelCatalog.FromAssemblies(Assemblies);
        if (name is null)
        {
            return List(catalog, json);
        }

        var entry = catalog.FirstOrDefault(e => e.Name == name) ?? catalog.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
        {
            Console.Error.WriteLine($"No secure model '{name}'; the models are: {string.Join(", ", catalog.Select(e => e.Name))}.");
            return 1;
        }

        ModelPreset preset;
        PrecisionPlan plan;
        try
        {
            (preset, plan) = PlanChoice.Resolve(presetText, planText);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }

        var description = entry.Description;
        var method = methodName is not null ? description.Method(methodName)
            : entry.SampleMethod is { } sampleMethod ? description.Method(sampleMethod)
            : description.Methods.FirstOrDefault(m => m.Name == "Forward") ?? description.Methods.FirstOrDefault();
        var shapes = new Dictionary<string, TensorShape>(entry.SampleShapes, StringComparer.Ordinal);
        foreach (var (key, value) in ModelCatalog.ParseShapes(string.Join(';', shapeTexts)))
        {
            shapes[key] = value;
        }

        CostEstimate? estimate = null;
        string? estimateNote = null;
        if (method is not null && method.Parameters.Where(p => p.IsSecure).All(p => shapes.ContainsKey(p.Name)))
        {
            // The sample's own arguments (for the sample's method) first; --arg overrides them.
            var sampleArguments = method.Name == (entry.SampleMethod ?? "Forward") ? [entry.SampleArguments] : Array.Empty<string>();
            var publicArguments = ParseArguments(method, [.. sampleArguments, .. argTexts]);
            estimate = CostEstimator.Estimate(method, entry.CreateInstance(), shapes, plan, preset.Approximations, publicArguments);
        }
        else if (method is not null)
        {
            estimateNote = $"pass --shape for {string.Join(", ", method.Parameters.Where(p => p.IsSecure && !shapes.ContainsKey(p.Name)).Select(p => p.Name + "=dims"))} to estimate the cost of {method.Name}";
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(ToJson(description, preset, plan, method, shapes, estimate), Json));
            return 0;
        }

        Print(description, preset, plan, method, shapes, estimate, estimateNote);
        return 0;
    }

    private static int List(IReadOnlyList<CatalogEntry> catalog, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(catalog.Select(e => new
            {
                name = e.Name,
                type = e.Description.ModelType.FullName,
                defaultFormat = e.Description.DefaultFormat.ToString(),
                methods = e.Description.Methods.Select(m => m.Name),
                sample = e.Sample is null ? null : string.Join(';', e.SampleShapes.Select(s => $"{s.Key}={s.Value}")),
            }), Json));
            return 0;
        }

        var table = new Table().Title("secure models (ditto inspect <model>)").AddColumns("model", "type", "default format", "methods", "sample shapes");
        foreach (var e in catalog)
        {
            table.AddRow(
                Markup.Escape(e.Name),
                Markup.Escape(e.Description.ModelType.FullName ?? e.Name),
                Markup.Escape(e.Description.DefaultFormat.ToString()),
                Markup.Escape(string.Join(", ", e.Description.Methods.Select(m => m.Name))),
                Markup.Escape(e.Sample is null ? "-" : string.Join("; ", e.SampleShapes.Select(s => $"{s.Key}={s.Value}"))));
        }

        AnsiConsole.Write(table);
        return 0;
    }

    private static void Print(ModelDescription description, ModelPreset preset, PrecisionPlan plan, MethodDescription? selected, IReadOnlyDictionary<string, TensorShape> shapes, CostEstimate? estimate, string? note)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(description.ModelType.FullName ?? description.Name)}[/]  default format {Markup.Escape(description.DefaultFormat.Describe(plan))}");
        AnsiConsole.MarkupLine($"preset [bold]{Markup.Escape(preset.Name)}[/]: {Markup.Escape(plan.ToString())}; {Markup.Escape(Describe(preset.Approximations))}");
        SubstitutionLines.Write(preset.Approximations);
        if (description.Weights.Count > 0)
        {
            AnsiConsole.MarkupLine("weights: " + Markup.Escape(string.Join(", ", description.Weights.Select(w => $"{w.Name} ({w.Format?.Describe(plan) ?? "method's format"})"))));
        }

        var methods = new Table().Title("methods").AddColumns("method", "line", "format", "returns", "parameters", "conversions");
        foreach (var m in description.Methods)
        {
            methods.AddRow(
                Markup.Escape(m.Name),
                m.Line.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(m.Format.Describe(plan)),
                Markup.Escape(m.ReturnFormat.Describe(plan)),
                Markup.Escape(string.Join(", ", m.Parameters.Select(p => p.IsSecure ? $"{p.Name}: {p.Format!.Describe(plan)}" : $"{p.Name}: {p.Type?.Name ?? "public"}"))),
                m.Conversions.Count.ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(methods);
        var conversions = new Table().Title("inserted conversions").AddColumns("method", "line", "from", "to", "under this plan", "why");
        foreach (var m in description.Methods)
        {
            foreach (var c in m.Conversions)
            {
                conversions.AddRow(
                    Markup.Escape(m.Name),
                    c.Line.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(c.From.Describe(plan)),
                    Markup.Escape(c.To.Describe(plan)),
                    c.IsFreeUnder(plan) ? "free (equal formats)" : "converts",
                    Markup.Escape(c.Reason));
            }
        }

        AnsiConsole.Write(conversions);
        if (estimate is not null && selected is not null)
        {
            var table = new Table()
                .Title($"cost estimate of {Markup.Escape(selected.Name)} for {Markup.Escape(string.Join(", ", shapes.Select(s => $"{s.Key}=[{s.Value}]")))} (bytes of all three parties; rounds summed sequentially)")
                .AddColumns("scope", "layer type", "calls", "bytes", "rounds");
            foreach (var r in estimate.Rows)
            {
                table.AddRow(Markup.Escape(r.Scope), Markup.Escape(r.LayerType), r.Calls.ToString(CultureInfo.InvariantCulture), r.Bytes.ToString("N0", CultureInfo.InvariantCulture), r.Rounds.ToString(CultureInfo.InvariantCulture));
            }

            table.AddRow("[bold]total[/]", string.Empty, string.Empty, $"[bold]{estimate.Bytes.ToString("N0", CultureInfo.InvariantCulture)}[/]", $"[bold]{estimate.Rounds.ToString(CultureInfo.InvariantCulture)}[/]");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("[grey]Bytes follow our protocols' formulas exactly (docs/protocols.md); non-linear functions are priced by running the function library on shapes (docs/generator.md, Cost estimates). Rounds are summed in program order: an upper bound on the critical path.[/]");
            foreach (var h in estimate.Headroom)
            {
                AnsiConsole.MarkupLine($"[yellow]headroom:[/] {Markup.Escape(h.ToString())}");
            }
        }
        else if (note is not null)
        {
            AnsiConsole.MarkupLine(Markup.Escape(note));
        }
    }

    private static object ToJson(ModelDescription d, ModelPreset preset, PrecisionPlan plan, MethodDescription? selected, IReadOnlyDictionary<string, TensorShape> shapes, CostEstimate? estimate) => new
    {
        model = d.Name,
        type = d.ModelType.FullName,
        preset = preset.Name,
        plan = plan.ToString(),
        approximations = Describe(preset.Approximations),
        substitutions = preset.Approximations.Substitutions(),
        defaultFormat = d.DefaultFormat.Describe(plan),
        weights = d.Weights.Select(w => new { name = w.Name, format = w.Format?.Describe(plan) }),
        methods = d.Methods.Select(m => new
        {
            name = m.Name,
            line = m.Line,
            format = m.Format.Describe(plan),
            returnFormat = m.ReturnFormat.Describe(plan),
            parameters = m.Parameters.Select(p => new { name = p.Name, format = p.Format?.Describe(plan), type = p.Type?.Name }),
            conversions = m.Conversions.Select(c => new { from = c.From.Describe(plan), to = c.To.Describe(plan), reason = c.Reason, line = c.Line, free = c.IsFreeUnder(plan) }),
        }),
        estimate = estimate is null || selected is null ? null : new
        {
            method = selected.Name,
            shapes = shapes.ToDictionary(s => s.Key, s => s.Value.ToString()),
            bytes = estimate.Bytes,
            rounds = estimate.Rounds,
            rows = estimate.Rows,
            headroom = estimate.Headroom.Select(h => new { scope = h.Scope, operation = h.Operation, problem = h.Problem }),
        },
    };

    /// <summary>"GeLU Quad, softmax Exact (exp n = 5, in NonLinear), reciprocal 5 iterations".</summary>
    private static string Describe(Approximations a) =>
        $"GeLU {a.Gelu}, softmax {a.Softmax} (exp n = {a.ExpIterations}{(a.SoftmaxExpPrecision is { } p ? $", in {p}" : string.Empty)}), reciprocal {a.ReciprocalIterations} iterations";

    private static Dictionary<string, object?> ParseArguments(MethodDescription method, string[] texts)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var text in texts.SelectMany(t => t.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? text[..eq].Trim() : throw new FormatException($"'{text}' is not an argument; expected name=value, for example depth=2.");
            var parameter = method.Parameters.FirstOrDefault(p => p.Name == name && !p.IsSecure)
                ?? throw new FormatException($"{method.Name} has no public parameter '{name}'.");
            var raw = text[(eq + 1)..].Trim();
            var type = Nullable.GetUnderlyingType(parameter.Type!) ?? parameter.Type!;
            values[name] = type.IsEnum ? Enum.Parse(type, raw, ignoreCase: true) : Convert.ChangeType(raw, type, CultureInfo.InvariantCulture);
        }

        return values;
    }
}
