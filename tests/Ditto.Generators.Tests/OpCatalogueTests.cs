using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using Ditto.Generators.Tests.Harness;
using Ditto.Runtime.Backends;
using Microsoft.CodeAnalysis;

namespace Ditto.Generators.Tests;

/// <summary>
/// The generator's table of known ops is the runtime's op catalogue (compiled into both): every op's example, written in a
/// model as a user would, compiles without a diagnostic to a twin that calls the op's backend method, and that twin on the
/// float backend computes exactly what the plain C# method does.
/// </summary>
public class OpCatalogueTests
{
    public static TheoryData<string> Ops => [.. OpCatalogue.All.Select(o => o.Name)];

    [Fact]
    public void TheGeneratorKnowsTheRuntimesCatalogue()
    {
        // The same file compiled twice: the same ops, in the same order, with the same rules.
        var generator = Catalogue.OpCatalogue.All;
        Assert.Equal(OpCatalogue.All.Select(o => (o.Name, (int)o.Surface, o.Tensors, string.Join(",", o.Arguments), (int)o.Shape, (int)o.Format, o.LayerType)),
            generator.Select(o => (o.Name, (int)o.Surface, o.Tensors, string.Join(",", o.Arguments), (int)o.Shape, (int)o.Format, o.LayerType)));
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void EveryOpsExampleCompilesToItsBackendCallAndItsFloatTwinIsExact(string name)
    {
        var op = OpCatalogue.Find(name)!;
        var source = $$"""
            using Ditto;

            namespace Probe;

            [SecureModel, FixedPoint("Linear")]
            public partial class Probe
            {
                public Tensor Run(Tensor x, Tensor y, Tensor g, Tensor b) => {{op.Example}};
            }
            """;
        var run = GeneratorHarness.Run(GeneratorHarness.ImplicitUsings, source);
        Assert.Empty(run.Exceptions);
        Assert.True(run.AllDiagnostics.All(d => d.Severity < DiagnosticSeverity.Warning), GeneratorHarness.Describe(run.AllDiagnostics));
        var twin = Assert.Single(run.Sources.Values, s => s.Contains("partial class Probe", StringComparison.Ordinal));
        Assert.Contains($"backend.{op.Name}(", twin, StringComparison.Ordinal);

        using var stream = new MemoryStream();
        var emit = run.Output.Emit(stream);
        Assert.True(emit.Success, GeneratorHarness.Describe(emit.Diagnostics));
        var context = new AssemblyLoadContext(name, isCollectible: true);
        try
        {
            stream.Position = 0;
            var type = context.LoadFromStream(stream).GetType("Probe.Probe")!;
            var model = Activator.CreateInstance(type)!;
            var inputs = new[] { Input(1, 4, 4), Input(2, 4, 4), Input(3, 4), Input(4, 4) };
            var plain = (Tensor)type.GetMethod("Run", [typeof(Tensor), typeof(Tensor), typeof(Tensor), typeof(Tensor)])!.Invoke(model, inputs)!;
            var backend = BackendFactory.Float();
            var secure = type.GetMethods().Single(m => m.Name == "Run" && m.GetParameters()[0].ParameterType == typeof(IBackend));
            var result = (Value)secure.Invoke(model, [backend, .. inputs.Select(i => backend.Input(i, i.Shape, default, 0))])!;
            Assert.Equal(plain.Shape, result.Shape);
            Assert.Equal(plain.Data, backend.Reveal(result, 0)!.Data);
        }
        finally
        {
            context.Unload();
        }
    }

    private static Tensor Input(int seed, params int[] shape)
    {
        var random = new Random(seed);
        var values = new float[shape.Aggregate(1, (p, d) => p * d)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 4) - 2);
        }

        return new Tensor(values, shape);
    }
}
