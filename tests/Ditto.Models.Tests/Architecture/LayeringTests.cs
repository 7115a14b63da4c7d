using Ditto.Models.Hosting;
using Ditto.Models.Tests.Support;
using Ditto.Runtime.Backends;

namespace Ditto.Models.Tests.Architecture;

/// <summary>
/// The layers of docs/architecture.md, checked on the compiled assemblies: no namespace cycle, and every namespace uses
/// only namespaces of lower layers (never a sibling of its own layer, never one above). A new folder must be placed in a
/// layer here and in the docs, or this test fails.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>Ditto.Runtime's layers, lowest first; namespaces of one layer are siblings and must not use each other.</summary>
    public static readonly string[][] RuntimeLayers =
    [
        ["Ditto.Runtime.Tensors"],
        ["Ditto.Runtime.Kernels"],
        ["Ditto.Runtime.FixedPoint"],
        ["Ditto"],
        ["Ditto.Runtime.Sharing", "Ditto.Runtime.Randomness", "Ditto.Runtime.Transport", "Ditto.Runtime.Ledger"],
        ["Ditto.Runtime.Transport.Tcp"],
        ["Ditto.Runtime.Parties"],
        ["Ditto.Runtime.Protocols.Arithmetic"],
        ["Ditto.Runtime.Protocols.Boolean"],
        ["Ditto.Runtime.Protocols.Conversion"],
        ["Ditto.Runtime.Functions"],
        ["Ditto.Runtime.Engines.Clear", "Ditto.Runtime.Engines.Secret", "Ditto.Runtime.Engines.Cost"],
        ["Ditto.Runtime.Backends"],
        ["Ditto.Runtime.Description"],
    ];

    /// <summary>Ditto.Models' layers, lowest first.</summary>
    public static readonly string[][] ModelLayers =
    [
        ["Ditto.Models"],
        ["Ditto.Models.Weights"],
        ["Ditto.Models.Onnx", "Ditto.Models.Synthetic", "Ditto.Models.Configs", "Ditto.Models.Tokenizers", "Ditto.Models.Packages"],
        ["Ditto.Models.Inputs", "Ditto.Models.Layers"],
        ["Ditto.Models.Decoding"],
        ["Ditto.Models.Bert", "Ditto.Models.Gpt2", "Ditto.Models.Llama"],
        ["Ditto.Models.Hosting"],
        ["Ditto.Models.Inference"],
    ];

    /// <summary>Ditto.Generators' layers, lowest first (the op catalogue is the runtime's file, compiled in).</summary>
    public static readonly string[][] GeneratorLayers =
    [
        ["Ditto.Catalogue", "Ditto.Generators.Helpers"],
        ["Ditto.Generators.Diagnostics", "Ditto.Generators.Model"],
        ["Ditto.Generators.Ir"],
        ["Ditto.Generators.Typing"],
        ["Ditto.Generators.Parsing", "Ditto.Generators.Emitting"],
        ["Ditto.Generators"],
    ];

    public static TheoryData<string> Assemblies => ["Ditto.Runtime", "Ditto.Models", "Ditto.Generators"];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void NoNamespaceUsesAnotherInALoop(string assembly)
    {
        var graph = Read(assembly);
        Assert.True(graph.Edges.Count > 3, "the graph has edges (the reader sees the assembly's references)");
        Report(graph.Cycles().Select(c => "cycle: " + string.Join(" <-> ", c.Order(StringComparer.Ordinal))));
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void EveryNamespaceIsInALayerAndUsesOnlyLowerLayers(string assembly) =>
        Report(Problems(Read(assembly), Layers(assembly)));

    [Fact]
    public void AnUpwardUseIsReported()
    {
        // The check can fail: with the layers upside down, hosting (which runs BERT) would sit below BERT.
        var problems = Problems(Read("Ditto.Models"), [.. ModelLayers.Reverse()]);
        Assert.Contains(problems, p => p.StartsWith("Ditto.Models.Hosting (layer 1) uses Ditto.Models.Bert", StringComparison.Ordinal));
    }

    [Fact]
    public void TheDocumentedLayersAreTheCheckedOnes()
    {
        var doc = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "docs", "architecture.md"));
        foreach (var ns in RuntimeLayers.Concat(ModelLayers).Concat(GeneratorLayers).SelectMany(l => l))
        {
            var folder = ns switch
            {
                "Ditto" => "Dsl",
                "Ditto.Catalogue" => "OpCatalogue",
                "Ditto.Models" or "Ditto.Generators" => ns,
                _ => ns.Split('.', 3)[2].Replace('.', '/'),
            };
            Assert.Contains($"`{folder}`", doc, StringComparison.Ordinal);
        }
    }

    private static List<string> Problems(NamespaceGraph graph, string[][] layers)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < layers.Length; i++)
        {
            foreach (var ns in layers[i])
            {
                rank.Add(ns, i);
            }
        }

        // The assembly's own namespaces: compiler polyfills (System.*, Microsoft.CodeAnalysis attributes) are not ours.
        var unplaced = graph.Namespaces.Where(ns => ns == "Ditto" || ns.StartsWith("Ditto.", StringComparison.Ordinal)).Where(ns => !rank.ContainsKey(ns)).Select(ns => $"{ns} is in no layer of docs/architecture.md");
        var upward = graph.Namespaces.Where(rank.ContainsKey).Order(StringComparer.Ordinal).SelectMany(ns => graph.Edges.TryGetValue(ns, out var uses)
            ? uses.Where(u => rank.TryGetValue(u.Key, out var r) && r >= rank[ns]).Select(u => $"{ns} (layer {rank[ns]}) uses {u.Key} (layer {rank[u.Key]}) in {u.Value}")
            : []);
        return [.. unplaced, .. upward];
    }

    private static void Report(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, string.Join(Environment.NewLine, list));
    }

    private static string[][] Layers(string assembly) => assembly switch
    {
        "Ditto.Runtime" => RuntimeLayers,
        "Ditto.Models" => ModelLayers,
        _ => GeneratorLayers,
    };

    private static NamespaceGraph Read(string assembly) => assembly switch
    {
        "Ditto.Runtime" => NamespaceGraph.Read(typeof(IBackend).Assembly.Location, "Ditto"),
        "Ditto.Models" => NamespaceGraph.Read(typeof(ModelSources).Assembly.Location, "Ditto.Models"),
        _ => NamespaceGraph.Read(GeneratorAssembly(), "Ditto"),
    };

    /// <summary>The generator as this build made it (it is built as the analyzer of Ditto.Models).</summary>
    private static string GeneratorAssembly()
    {
        var bin = Path.Combine(TestData.RepositoryRoot, "src", "Ditto.Generators", "bin");
        return Directory.EnumerateFiles(bin, "Ditto.Generators.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            ?? throw new FileNotFoundException($"The generator's build output is not under {bin}.");
    }
}
