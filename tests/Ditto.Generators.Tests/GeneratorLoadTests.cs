using System.Reflection;
using Ditto.Generators.Tests.Models;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Description;

namespace Ditto.Generators.Tests;

/// <summary>
/// The generator really runs inside the SDK's compiler. A generator built against a newer Roslyn than the compiler's
/// does not load (CS9057, a warning) and silently generates nothing; these tests fail then, because this project's own
/// models (compiled by the SDK with the generator as an analyzer) would have no twins.
/// </summary>
public class GeneratorLoadTests
{
    [Theory]
    [InlineData(typeof(Mlp))]
    [InlineData(typeof(Attention))]
    [InlineData(typeof(BertLayer))]
    [InlineData(typeof(MixedFormats))]
    [InlineData(typeof(MixedRings))]
    [InlineData(typeof(GatedUnit))]
    [InlineData(typeof(LayerStack))]
    [InlineData(typeof(Layout))]
    public void TheSdkCompiledModelHasItsGeneratedTwinAndDescription(Type model)
    {
        var twin = model.GetMethod("Forward", [typeof(IBackend), typeof(Value)])
            ?? model.GetMethod("Forward", [typeof(IBackend), typeof(Value), typeof(int)]);
        Assert.NotNull(twin);
        Assert.Equal(typeof(Value), twin.ReturnType);
        Assert.NotNull(twin.GetCustomAttribute<System.CodeDom.Compiler.GeneratedCodeAttribute>());
        var description = ModelDescription.Of(model);
        Assert.NotNull(description);
        Assert.Equal(model, description.ModelType);
    }

    [Fact]
    public void TheAssemblyListsItsModelsInTheCatalog()
    {
        var names = ModelCatalog.FromAssemblies(typeof(Mlp).Assembly).Select(e => e.Name).ToList();
        Assert.Equal(["Attention", "BertLayer", "Block", "GatedUnit", "LayerStack", "Layout", "MixedFormats", "MixedRings", "Mlp", "Rotary"], names);
    }

    [Fact]
    public void TheGeneratorReferencesRoslynNoNewerThanTheSdkCompilerAndNothingElse()
    {
        var generator = typeof(SecureModelGenerator).Assembly;
        var references = generator.GetReferencedAssemblies();
        // Only netstandard, Roslyn, and Roslyn's own dependencies (Microsoft.CodeAnalysis.CSharp's nuspec), which the
        // compiler always loads: nothing the generator would have to ship beside itself.
        string[] compilerProvided =
        [
            "netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "System.Collections.Immutable", "System.Memory",
            "System.Buffers", "System.Reflection.Metadata", "System.Runtime.CompilerServices.Unsafe", "System.Numerics.Vectors",
            "System.Threading.Tasks.Extensions", "System.Text.Encoding.CodePages",
        ];
        foreach (var r in references)
        {
            Assert.True(compilerProvided.Contains(r.Name), $"The generator must load in the compiler with zero dependencies, but references {r.FullName}.");
        }

        var roslyn = references.Single(r => r.Name == "Microsoft.CodeAnalysis");
        var (band, floor) = OldestAdmittedCompiler();
        Assert.True(roslyn.Version <= floor,
            $"The generator references Roslyn {roslyn.Version}; SDK band {band}, the oldest global.json admits, ships Roslyn {floor} and would skip the generator (CS9057).");
        var compiler = typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version!;
        Assert.Equal("netstandard", references.Single(r => r.Name == "netstandard").Name);
        Assert.NotNull(compiler);
    }

    /// <summary>
    /// The Roslyn version each SDK feature band's compiler carries (10.0.100 with .NET 10's release; 10.0.401 read off this machine's compiler), keyed by the band of
    /// global.json's minimum version. A band not in the table fails: look its compiler up and add it.
    /// </summary>
    private static readonly Dictionary<string, Version> CompilerOfSdkBand = new()
    {
        ["10.0.1xx"] = new Version(5, 0, 0, 0),
        ["10.0.4xx"] = new Version(5, 9, 0, 0),
    };

    private static (string Band, Version Compiler) OldestAdmittedCompiler()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "global.json")))
        {
            directory = directory.Parent;
        }

        Assert.True(directory is not null, "global.json not found above the test's output folder.");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "global.json")));
        var version = json.RootElement.GetProperty("sdk").GetProperty("version").GetString()!;
        var parts = version.Split('.', '-');
        var band = $"{parts[0]}.{parts[1]}.{parts[2][0]}xx";
        Assert.True(CompilerOfSdkBand.TryGetValue(band, out var compiler),
            $"global.json admits SDK {version} (band {band}), whose Roslyn version this test does not know; add it to CompilerOfSdkBand.");
        return (band, compiler!);
    }
}
