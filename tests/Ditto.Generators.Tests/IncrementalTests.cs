using System.Collections;
using System.Reflection;
using Ditto.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ditto.Generators.Tests;

/// <summary>
/// The pipeline is incremental: unrelated edits leave every step cached, a changed format regenerates, and no step output
/// holds a Roslyn symbol, syntax node, location, syntax tree, semantic model or compilation.
/// </summary>
public class IncrementalTests
{
    private static readonly string[] Steps = [TrackingNames.Parse, TrackingNames.Model, TrackingNames.Diagnostics];

    private const string Model = """
        using Ditto;

        namespace Models;

        [SecureModel, FixedPoint(32, 8)]
        public partial class Mlp(Tensor w)
        {
            [Weight] public Tensor W { get; } = w;

            public Tensor Forward(Tensor x) => Ops.Gelu(Tensor.MatMul(x, W), GeluVariant.Quad);
        }
        """;

    private const string Other = """
        namespace Models;

        public static class Helpers
        {
            public static int Twice(int x) => 2 * x;
        }
        """;

    [Fact]
    public void RunningTwiceOnTheSameInputCachesEveryStep()
    {
        var compilation = GeneratorHarness.Compile(("/m/Mlp.cs", Model), ("/m/Other.cs", Other));
        var first = GeneratorHarness.Run(compilation);
        var second = GeneratorHarness.Run(compilation.Clone(), first.Driver);
        AssertSteps(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputsCached(second);
    }

    [Fact]
    public void AnUnrelatedEditInAnotherFileLeavesThePipelineCached()
    {
        var compilation = GeneratorHarness.Compile(("/m/Mlp.cs", Model), ("/m/Other.cs", Other));
        var first = GeneratorHarness.Run(compilation);
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees[1],
            CSharpSyntaxTree.ParseText(Other.Replace("2 * x", "3 * x", StringComparison.Ordinal), GeneratorHarness.ParseOptions, "/m/Other.cs"));
        var second = GeneratorHarness.Run(edited, first.Driver);
        AssertSteps(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputsCached(second);
        Assert.Equal(first.Sources.Single().Value, second.Sources.Single().Value);
    }

    [Fact]
    public void AnUnrelatedEditBelowTheModelInItsOwnFileLeavesTheModelUnchanged()
    {
        var compilation = GeneratorHarness.Compile(("/m/Mlp.cs", Model));
        var first = GeneratorHarness.Run(compilation);
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees[0],
            CSharpSyntaxTree.ParseText(Model + "\npublic class Unrelated { public int Value => 42; }\n", GeneratorHarness.ParseOptions, "/m/Mlp.cs"));
        var second = GeneratorHarness.Run(edited, first.Driver);

        // The transform re-runs (its file changed) but produces an equal model, so the source output is not redone.
        AssertSteps(second, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertOutputsCached(second);
    }

    [Theory]
    [InlineData("FixedPoint(32, 8)", "FixedPoint(32, 10)")]
    [InlineData("FixedPoint(32, 8)", "FixedPoint(64, 18)")]
    [InlineData("FixedPoint(32, 8)", "FixedPoint(Precision.Linear)")]
    public void AChangedFormatRegenerates(string before, string after)
    {
        var compilation = GeneratorHarness.Compile(("/m/Mlp.cs", Model));
        var first = GeneratorHarness.Run(compilation);
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees[0],
            CSharpSyntaxTree.ParseText(Model.Replace(before, after, StringComparison.Ordinal), GeneratorHarness.ParseOptions, "/m/Mlp.cs"));
        var second = GeneratorHarness.Run(edited, first.Driver);
        var model = second.Result.Results[0].TrackedSteps[TrackingNames.Model].Single();
        Assert.Equal(IncrementalStepRunReason.Modified, model.Outputs.Single().Reason);
        Assert.NotEqual(first.Sources.Single().Value, second.Sources.Single().Value);
    }

    [Fact]
    public void AChangedCalleeFormatInAnotherFileRegeneratesTheCaller()
    {
        const string caller = """
            using Ditto;
            namespace Models;
            [SecureModel, FixedPoint(32, 8)]
            public partial class Caller(Callee inner)
            {
                public Callee Inner { get; } = inner;
                public Tensor Forward(Tensor x) => Inner.Forward(x);
            }
            """;
        const string callee = """
            using Ditto;
            namespace Models;
            [SecureModel, FixedPoint(32, 8)]
            public partial class Callee
            {
                public Tensor Forward(Tensor x) => x + 1.0;
            }
            """;
        var compilation = GeneratorHarness.Compile(("/m/Caller.cs", caller), ("/m/Callee.cs", callee));
        var first = GeneratorHarness.Run(compilation);
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees[1],
            CSharpSyntaxTree.ParseText(callee.Replace("FixedPoint(32, 8)", "FixedPoint(32, 12)", StringComparison.Ordinal), GeneratorHarness.ParseOptions, "/m/Callee.cs"));
        var second = GeneratorHarness.Run(edited, first.Driver);
        var reasons = second.Result.Results[0].TrackedSteps[TrackingNames.Model].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(2, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Contains("fxp32.12", second.Sources["Models.Caller.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void NoStepOutputHoldsRoslynObjects()
    {
        var compilation = GeneratorHarness.Compile(
            ("/m/Mlp.cs", Model),
            ("/m/Broken.cs", "using Ditto;\nnamespace Models;\n[SecureModel]\npublic partial class Broken { public Tensor F(Tensor x) { try { } finally { } return x; } }\n"));
        var run = GeneratorHarness.Run(compilation);
        var steps = run.Result.Results[0].TrackedSteps;
        foreach (var name in Steps)
        {
            Assert.True(steps.ContainsKey(name), $"No step '{name}'.");
            foreach (var step in steps[name])
            {
                foreach (var (value, _) in step.Outputs)
                {
                    AssertNoRoslynObjects(value, name);
                }
            }
        }

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "DITTO0002");
    }

    [Fact]
    public void ModelsFromTwoIndependentRunsAreEqualWithEqualHashes()
    {
        var a = GeneratorHarness.Run(("/m/Mlp.cs", Model)).Result.Results[0].TrackedSteps[TrackingNames.Model].Single().Outputs.Single().Value;
        var b = GeneratorHarness.Run(("/m/Mlp.cs", Model)).Result.Results[0].TrackedSteps[TrackingNames.Model].Single().Outputs.Single().Value;
        Assert.NotSame(a, b);
        Assert.Equal(a, b);
        Assert.Equal(a!.GetHashCode(), b!.GetHashCode());
    }

    private static void AssertSteps(GeneratorRun run, params IncrementalStepRunReason[] allowed)
    {
        var steps = run.Result.Results[0].TrackedSteps;
        foreach (var name in Steps)
        {
            foreach (var output in steps[name].SelectMany(s => s.Outputs))
            {
                Assert.True(allowed.Contains(output.Reason), $"Step {name} output is {output.Reason}, expected {string.Join(" or ", allowed)}.");
            }
        }
    }

    private static void AssertOutputsCached(GeneratorRun run)
    {
        foreach (var output in run.Result.Results[0].TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"An output step is {output.Reason}.");
        }
    }

    /// <summary>Walks an object graph and fails on any Roslyn object that would pin a compilation or defeat caching.</summary>
    private static void AssertNoRoslynObjects(object? root, string step)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        if (root is not null)
        {
            pending.Push((root, step));
        }

        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            var type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || value is string or decimal || !seen.Add(value))
            {
                continue;
            }

            Assert.False(
                value is ISymbol or SyntaxNode or Location or Compilation or SemanticModel or SyntaxTree or Diagnostic,
                $"Step output {path} holds a {type.FullName}.");
            if (value is IEnumerable items)
            {
                var i = 0;
                foreach (var item in items)
                {
                    if (item is not null)
                    {
                        pending.Push((item, $"{path}[{i}]"));
                    }

                    i++;
                }
            }

            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.GetValue(value) is { } child)
                    {
                        pending.Push((child, $"{path}.{field.Name}"));
                    }
                }
            }
        }
    }
}
