using System.Runtime.CompilerServices;
using Ditto.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Ditto.Generators.Tests;

/// <summary>
/// The generated code of the representative models (Models/*.cs, the same files this project compiles and runs, and the
/// shipped LLaMA attention), checked against Snapshots/*.verified.cs, and compiled without warnings.
/// </summary>
public class SnapshotTests
{
    public static TheoryData<string, string[]> Models => new()
    {
        { "Mlp", ["Mlp.cs"] },
        { "Attention", ["Attention.cs"] },
        { "BertLayer", ["BertLayer.cs", "Attention.cs"] },
        { "MixedFormats", ["MixedFormats.cs"] },
        { "MixedRings", ["MixedRings.cs"] },
        { "GatedUnit", ["GatedUnit.cs"] },
        { "LayerStack", ["LayerStack.cs"] },
        { "Layout", ["Layout.cs"] },
        { "Rotary", ["Rotary.cs"] },
        { "Ditto.Models.Llama.LlamaAttention", [Shipped("Llama/LlamaAttention.cs"), Shipped("Layers/Projection.cs"), Shipped("Layers/RotaryEmbedding.cs")] },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void GeneratedCodeMatchesTheSnapshotAndCompilesWithoutWarnings(string model, string[] files)
    {
        var run = GeneratorHarness.Run([.. files.Select(f => ($"/models/{f}", File.ReadAllText(ModelPath(f)))), ("/models/GlobalUsings.cs", GeneratorHarness.ImplicitUsings)]);
        Assert.Empty(run.Exceptions);
        Assert.True(run.GeneratorDiagnostics.All(d => d.Severity < DiagnosticSeverity.Warning || d.IsSuppressed), GeneratorHarness.Describe(run.GeneratorDiagnostics));
        var errors = run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(errors.Count == 0, GeneratorHarness.Describe(errors));
        var hint = model.Contains('.', StringComparison.Ordinal) ? $"{model}.g.cs" : $"Ditto.Generators.Tests.Models.{model}.g.cs";
        Assert.True(run.Sources.ContainsKey(hint), $"No {hint}; generated: {string.Join(", ", run.Sources.Keys)}");
        Snapshot.Verify(model[(model.LastIndexOf('.') + 1)..], run.Sources[hint]);
    }

    /// <summary>A model shipped in src/Ditto.Models, relative to Models/ (the LLaMA block, as users read it).</summary>
    private static string Shipped(string file) => Path.Combine("..", "..", "..", "src", "Ditto.Models", file);

    public static string ModelPath(string file, [CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Models", file);
}
