using System.Collections.Immutable;
using Ditto.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ditto.Generators.Tests.Harness;

/// <summary>The result of running the generator on some sources.</summary>
public sealed record GeneratorRun(
    CSharpCompilation Input,
    Compilation Output,
    GeneratorDriver Driver,
    GeneratorDriverRunResult Result,
    ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    /// <summary>The generated files, by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>The generator's diagnostics and the compiler's on the output (generated code included), minus hidden ones.</summary>
    public IReadOnlyList<Diagnostic> AllDiagnostics =>
        [.. GeneratorDiagnostics.Concat(Output.GetDiagnostics()).Where(d => d.Severity != DiagnosticSeverity.Hidden)];

    /// <summary>Diagnostics of the compiler located in generated files.</summary>
    public IReadOnlyList<Diagnostic> GeneratedCodeDiagnostics =>
        [.. Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } t && !Input.SyntaxTrees.Contains(t))];

    /// <summary>Exceptions the generator threw (must be none).</summary>
    public IReadOnlyList<Exception> Exceptions => [.. Result.Results.Select(r => r.Exception).OfType<Exception>()];
}

/// <summary>
/// Runs the generator in-process: sources are compiled against the .NET 10 reference assemblies
/// (Basic.Reference.Assemblies.Net100) and Ditto.Runtime, with warnings at the highest level.
/// </summary>
public static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(Ditto.Tensor).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location),
    ]);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>The SDK's implicit usings, as the test project compiles its own models with them.</summary>
    public const string ImplicitUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\nglobal using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Preview);

    /// <summary>A compilation of sources given as (path, text).</summary>
    public static CSharpCompilation Compile(params (string Path, string Text)[] sources) =>
        CSharpCompilation.Create(
            "Models",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999, allowUnsafe: true));

    public static GeneratorRun Run(params string[] sources) =>
        Run(sources.Select((s, i) => ($"/models/Model{i}.cs", s)).ToArray());

    public static GeneratorRun Run(params (string Path, string Text)[] sources) => Run(Compile(sources));

    public static GeneratorDriver CreateDriver(bool trackSteps = true) =>
        CSharpGeneratorDriver.Create(
            [new SecureModelGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorRun Run(CSharpCompilation input, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        return new GeneratorRun(input, output, driver, driver.GetRunResult(), diagnostics);
    }

    /// <summary>Formats diagnostics one per line with their location, for assertion messages.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}
