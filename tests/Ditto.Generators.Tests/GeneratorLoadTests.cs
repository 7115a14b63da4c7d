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
        var compiler = typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version!;
        Assert.True(roslyn.Version <= new Version(5, 9, 0, 0), $"The generator references Roslyn {roslyn.Version}; the SDK's compiler is 5.9.0 (CS9057 otherwise).");
        Assert.Equal("netstandard", references.Single(r => r.Name == "netstandard").Name);
        Assert.NotNull(compiler);
    }
}
