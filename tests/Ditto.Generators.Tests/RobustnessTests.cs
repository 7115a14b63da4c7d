using Ditto.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Ditto.Generators.Tests;

/// <summary>
/// The generator never throws: every malformed or unusual input gives diagnostics or correct code. When the input
/// compiles, the generated code compiles too, without warnings.
/// </summary>
public class RobustnessTests
{
    public static TheoryData<string> Inputs => [.. RobustnessInputs.All.Select(i => i.Name)];

    [Fact]
    public void ThereAreAtLeastFiftyInputs() => Assert.True(RobustnessInputs.All.Count >= 50, $"only {RobustnessInputs.All.Count} inputs");

    [Theory]
    [MemberData(nameof(Inputs))]
    public void GivesDiagnosticsOrCorrectCodeNeverAnException(string name)
    {
        var sources = RobustnessInputs.All.Single(i => i.Name == name).Sources;
        var run = GeneratorHarness.Run(sources);
        if (Environment.GetEnvironmentVariable("DITTO_DUMP_GENERATED") is { Length: > 0 } dump)
        {
            Directory.CreateDirectory(dump);
            File.WriteAllText(Path.Combine(dump, name.Replace(' ', '_') + ".txt"), string.Join("\n", run.GeneratorDiagnostics) + "\n" + string.Join("\n", run.Sources.Values));
        }

        Assert.Empty(run.Exceptions);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "DITTO0010");
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8785" or "AD0001");

        var inputErrors = run.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var dittoErrors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (inputErrors.Count == 0)
        {
            var outputErrors = run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(outputErrors.Count == 0, "The input compiles but the output does not:\n" + GeneratorHarness.Describe(outputErrors) + "\n" + string.Join("\n", run.Sources.Values));
            Assert.True(run.GeneratedCodeDiagnostics.Count == 0, GeneratorHarness.Describe(run.GeneratedCodeDiagnostics));
        }

        // Something tells the user what happened: a compiler error, a DITTO diagnostic, or generated code.
        Assert.True(inputErrors.Count > 0 || run.GeneratorDiagnostics.Length > 0 || run.Sources.Count > 0 || !sources.Any(s => s.Contains("[SecureModel]", StringComparison.Ordinal)),
            "No diagnostics and no code.");
        _ = dittoErrors;
    }
}
