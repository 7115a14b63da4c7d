using Ditto.Generators.Parsing;
using Ditto.Generators.Diagnostics;
using Ditto.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Ditto.Generators.Tests;

/// <summary>
/// Every diagnostic ID on a small model, with its exact span (marked <c>{|ID:…|}</c>) and severity; the model otherwise
/// compiles, and so does the generated code (a method that cannot be generated gets a stub that throws).
/// </summary>
public class DiagnosticTests
{
    private const string Header = "using System;\nusing System.Linq;\nusing Ditto;\n\nnamespace Models;\n\n";

    private static readonly Dictionary<string, DiagnosticSeverity> Severities = new()
    {
        ["DITTO0001"] = DiagnosticSeverity.Error,
        ["DITTO0002"] = DiagnosticSeverity.Error,
        ["DITTO0003"] = DiagnosticSeverity.Error,
        ["DITTO0004"] = DiagnosticSeverity.Error,
        ["DITTO0005"] = DiagnosticSeverity.Warning,
        ["DITTO0006"] = DiagnosticSeverity.Warning,
        ["DITTO0007"] = DiagnosticSeverity.Error,
        ["DITTO0008"] = DiagnosticSeverity.Warning,
        ["DITTO0009"] = DiagnosticSeverity.Error,
        ["DITTO0010"] = DiagnosticSeverity.Error,
        ["DITTO0011"] = DiagnosticSeverity.Warning,
        ["DITTO0012"] = DiagnosticSeverity.Warning,
        ["DITTO0013"] = DiagnosticSeverity.Warning,
        ["DITTO0014"] = DiagnosticSeverity.Error,
    };

    [Fact]
    public void Ditto0001_TheModelIsNotPartial() => Verify("""
        [SecureModel]
        public class {|DITTO0001:Model|}
        {
            public Tensor Forward(Tensor x) => x;
        }
        """);

    [Fact]
    public void Ditto0001_AContainingTypeIsNotPartial() => Verify("""
        public class {|DITTO0001:Outer|}
        {
            [SecureModel]
            public partial class Model
            {
                public Tensor Forward(Tensor x) => x;
            }
        }
        """);

    [Theory]
    [InlineData("Func<int, int> f = {|DITTO0002:i => i + 1|};\n        return x * f(2);")]
    [InlineData("var n = new[] { 1, 2 }.Select({|DITTO0002:i => i|}).Count();\n        return x * n;")]
    [InlineData("var n = {|DITTO0002:from i in new[] { 1, 2 } select i|};\n        return x;")]
    [InlineData("{|DITTO0002:try|} { x = x + 1.0; } finally { }\n        return x;")]
    [InlineData("switch (2) { case 1: x = -x; break; }\n        return x;", "switch")]
    [InlineData("{|DITTO0002:lock|} (this) { x = -x; }\n        return x;")]
    [InlineData("dynamic d = 1;\n        return x;", "dynamic")]
    [InlineData("var t = (1, 2);\n        return x * t.Item1;", "tuple")]
    [InlineData("if ({|DITTO0002:x is null|}) { }\n        return x;")]
    [InlineData("{|DITTO0002:Tensor[]|} parts = new[] { x, x };\n        return x;")]
    [InlineData("return {|DITTO0002:null|}!;")]
    [InlineData("return x + {|DITTO0002:new Tensor(x.Data, 2, 2)|};")]
    [InlineData("return {|DITTO0002:x.Named(\"y\")|};")]
    public void Ditto0002_AnUnsupportedConstructIsReportedOnItsExactSpan(string body, string? marker = null)
    {
        if (marker == "switch")
        {
            body = body.Replace("switch", "{|DITTO0002:switch|}", StringComparison.Ordinal);
        }
        else if (marker == "dynamic")
        {
            body = body.Replace("dynamic d", "{|DITTO0002:dynamic|} d", StringComparison.Ordinal);
        }
        else if (marker == "tuple")
        {
            body = body.Replace("(1, 2)", "{|DITTO0002:(1, 2)|}", StringComparison.Ordinal);
        }

        Verify($$"""
            [SecureModel]
            public partial class Model
            {
                public Tensor Forward(Tensor x)
                {
                    {{body}}
                }
            }
            """);
    }

    [Fact]
    public void Ditto0002_UnsafeAndAsyncMethods() => Verify("""
        [SecureModel]
        public partial class Model
        {
            public {|DITTO0002:unsafe|} Tensor Forward(Tensor x) => x;

            public {|DITTO0002:async|} System.Threading.Tasks.Task<Tensor> Later(Tensor x)
            {
                await System.Threading.Tasks.Task.Yield();
                return x;
            }

            public Tensor {|DITTO0002:Generic|}<T>(Tensor x) => x;
        }
        """);

    [Theory]
    [InlineData("if ({|DITTO0003:x.Data|}[0] > 0) { x = -x; }\n        return x;")]
    [InlineData("for (var i = 0; i < {|DITTO0003:x.Data|}.Length; i++) { x = x + 1.0; }\n        return x;")]
    [InlineData("var n = Layers[(int){|DITTO0003:x.Data|}[0]];\n        return x;")]
    [InlineData("while ({|DITTO0003:x == x|}) { break; }\n        return x;")]
    [InlineData("var s = {|DITTO0003:x.ToString()|};\n        return x;")]
    public void Ditto0003_ControlFlowOrIndexingOnSecretValues(string body) => Verify($$"""
        [SecureModel]
        public partial class Model
        {
            public int[] Layers { get; } = [1, 2];

            public Tensor Forward(Tensor x)
            {
                {{body}}
            }
        }
        """);

    [Fact]
    public void Ditto0004_InvalidFormats() => Verify("""
        [SecureModel, {|DITTO0004:FixedPoint(16, 8)|}]
        public partial class Model
        {
            [{|DITTO0004:FixedPoint(32, 31)|}]
            public Tensor Forward(Tensor x) => Other(x);

            public Tensor Other([{|DITTO0004:FixedPoint(64, -1)|}] Tensor x) => x;

            [return: {|DITTO0004:FixedPoint("")|}]
            public Tensor Third(Tensor x) => x;
        }
        """);

    [Fact]
    public void Ditto0005_AMatmulThatMayOverflowThe32BitRing() => Verify("""
        [SecureModel, FixedPoint(32, 12)]
        public partial class Model(Tensor w)
        {
            [Weight] public Tensor W { get; } = w;

            public Tensor Forward(Tensor x) => {|DITTO0005:Tensor.MatMul(x.Reshape(4, 4096), W)|};

            public Tensor Elementwise(Tensor x) => x * x;
        }
        """);

    [Fact]
    public void Ditto0005_KnownShapesFromReshapeLiteralsDecideTheWarning() => Verify("""
        [SecureModel, FixedPoint(32, 11)]
        public partial class Model(Tensor w)
        {
            [Weight] public Tensor W { get; } = w;

            public Tensor Small(Tensor x) => Tensor.MatMul(x.Reshape(4, 16), W);

            public Tensor Large(Tensor x) => {|DITTO0005:Tensor.MatMul(x.Reshape(4, 1024), W)|};
        }
        """);

    [Fact]
    public void Ditto0006_AnUpcastFromAFormatWithTooFewIntegerBits() => Verify("""
        [SecureModel]
        public partial class Model
        {
            [FixedPoint(32, 28)]
            [return: FixedPoint(64, 18)]
            public Tensor Forward(Tensor x) => Wide({|DITTO0006:x|});

            [FixedPoint(64, 18)]
            public Tensor Wide(Tensor x) => x + 1.0;
        }
        """);

    [Fact]
    public void Ditto0012_AConversionToAFormatWithFewerIntegerBits() => Verify("""
        [SecureModel]
        public partial class Model
        {
            [FixedPoint(64, 30)]
            public Tensor Forward(Tensor x) => Narrow({|DITTO0012:x|});

            [FixedPoint(32, 8)]
            [return: FixedPoint(64, 18)]
            public Tensor Up(Tensor x) => Wide(x);

            [FixedPoint(32, 8)]
            public Tensor Narrow(Tensor x) => x + 1.0;

            [FixedPoint(64, 18)]
            public Tensor Wide(Tensor x) => x + 1.0;
        }
        """);

    [Fact]
    public void APinnedOpIsPinnedInTheTwin()
    {
        var run = GeneratorHarness.Run(Header + """
            [SecureModel]
            public partial class Model
            {
                [PinOp("Gelu")]
                public Tensor Forward(Tensor x) => Ops.Gelu(x, GeluVariant.Erf);
            }
            """);
        Assert.Empty(run.AllDiagnostics);
        Assert.Contains("using var pins = backend.Pin(\"Gelu\");", run.Sources.Values.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ditto0013_APinThatChangesNothing() => Verify("""
        [SecureModel, {|DITTO0013:PinOp("Relu")|}]
        public partial class Model
        {
            [PinOp("Gelu")]
            public Tensor Forward(Tensor x) => Ops.Gelu(x, GeluVariant.Erf);

            [{|DITTO0013:PinOp("Swish")|}]
            public Tensor Other(Tensor x) => Ops.Relu(x);
        }
        """);

    [Fact]
    public void TensorsBuiltFromPublicValuesArePublicConstantsWithoutADiagnostic() => Verify("""
        [SecureModel]
        public partial class Model
        {
            public Tensor Forward(Tensor x)
            {
                var ones = Tensor.Zeros(2, 2) + 1.0;
                return (x * ones) + new Tensor(new float[4], 2, 2);
            }
        }
        """);

    [Fact]
    public void Ditto0014_ASecretArgumentForAPublicParameter() => Verify("""
        [SecureModel]
        public partial class Model
        {
            public Tensor Rotate(Tensor x, [Public] Tensor cos) => x * cos;

            public Tensor Forward(Tensor x)
            {
                var table = new Tensor(new float[] { 1, 2 }, new Ditto.Runtime.Tensors.TensorShape(2));
                var y = Rotate(x, table);
                var mixed = table;
                mixed = mixed * x;
                return Rotate(y, {|DITTO0014:mixed|});
            }
        }
        """);

    [Fact]
    public void Ditto0014_ASecretAssignedToAPublicParameter() => Verify("""
        [SecureModel]
        public partial class Model
        {
            public Tensor Forward(Tensor x, [Public] Tensor c)
            {
                c = c * 2.0;
                c = {|DITTO0014:x * c|};
                return x * c;
            }
        }
        """);

    [Fact]
    public void Ditto0007_CallsIntoCodeThatIsNotASecureModel() => Verify("""
        public static class Helpers
        {
            public static Tensor Twice(Tensor x) => x + x;
        }

        [SecureModel]
        public partial class Model
        {
            public Tensor Forward(Tensor x) => {|DITTO0007:Helpers.Twice(x)|};


            public Tensor Print(Tensor x)
            {
                {|DITTO0007:Console.WriteLine(x)|};
                return x;
            }
        }
        """);

    [Fact]
    public void Ditto0008_MeaninglessAnnotations() => Verify("""
        [SecureModel]
        public partial class Model
        {
            [{|DITTO0008:Weight|}] public int Count { get; } = 3;

            [{|DITTO0008:FixedPoint(32, 8)|}] public int Size { get; } = 3;

            public Tensor Forward(Tensor x, [{|DITTO0008:FixedPoint(32, 8)|}] int n) => x * n;

            [{|DITTO0008:FixedPoint(64, 18)|}]
            public int Helper() => 1;
        }
        """);

    [Fact]
    public void Ditto0009_ATensorMemberThatIsNotAWeight() => Verify("""
        [SecureModel]
        public partial class Model(Tensor bias)
        {
            public Tensor Bias { get; } = bias;

            public Tensor Forward(Tensor x) => x + {|DITTO0009:Bias|};
        }
        """);

    [Fact]
    public void Ditto0010_AGeneratorFailureBecomesADiagnosticNotACrash()
    {
        TestHooks.BeforeMethod = name => throw new InvalidOperationException($"injected failure in {name}");
        try
        {
            Verify("""
                [SecureModel]
                public partial class Model
                {
                    public Tensor {|DITTO0010:Forward|}(Tensor x) => x;
                }
                """);
        }
        finally
        {
            TestHooks.BeforeMethod = null;
        }
    }

    [Fact]
    public void Ditto0011_ANamedPrecisionThePlansDoNotDefine() => Verify("""
        [SecureModel, {|DITTO0011:FixedPoint("Attention")|}]
        public partial class Model
        {
            public Tensor Forward(Tensor x) => x;
        }
        """);

    [Fact]
    public void Ditto0011_IsNotReportedForAPrecisionTheAssemblyDeclares()
    {
        var model = Header + """
            [SecureModel, FixedPoint("Attention")]
            public partial class Model
            {
                public Tensor Forward(Tensor x) => x;
            }
            """;
        Assert.Contains(GeneratorHarness.Run(model).GeneratorDiagnostics, d => d.Id == "DITTO0011");
        var declared = GeneratorHarness.Run("[assembly: Ditto.DefinesPrecision(\"Attention\")]", model);
        Assert.Empty(declared.AllDiagnostics);
    }

    [Fact]
    public void PragmaWarningDisableSuppressesAWarning()
    {
        var run = GeneratorHarness.Run(Header + """
            [SecureModel, FixedPoint(32, 14)]
            public partial class Model(Tensor w)
            {
                [Weight] public Tensor W { get; } = w;

            #pragma warning disable DITTO0005
                public Tensor Forward(Tensor x) => Tensor.MatMul(x, W);
            #pragma warning restore DITTO0005

                public Tensor Other(Tensor x) => Tensor.MatMul(x, W);
            }
            """);
        var headroom = run.GeneratorDiagnostics.Where(d => d.Id == "DITTO0005").ToList();
        Assert.Equal(2, headroom.Count);
        Assert.Single(headroom, d => d.IsSuppressed);
        Assert.Single(headroom, d => !d.IsSuppressed);
        Assert.Equal(Location.Create(run.Input.SyntaxTrees[0], headroom.Single(d => d.IsSuppressed).Location.SourceSpan), headroom.Single(d => d.IsSuppressed).Location);
        Assert.Equal(LocationKind.SourceFile, headroom[0].Location.Kind);
    }

    [Fact]
    public void EveryDescriptorHasADocsPageAndARowInTheReleaseFile()
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(SnapshotTests.ModelPath("x"))!, "..", "..", ".."));
        var unshipped = File.ReadAllText(Path.Combine(root, "src", "Ditto.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (var d in DiagnosticDescriptors.All)
        {
            Assert.True(File.Exists(Path.Combine(root, "docs", "diagnostics", d.Id + ".md")), $"docs/diagnostics/{d.Id}.md is missing.");
            Assert.Contains($"{d.Id} | {d.Category} | {d.DefaultSeverity} |", unshipped, StringComparison.Ordinal);
            Assert.Equal(Severities[d.Id], d.DefaultSeverity);
            // The help link is the page's repository-relative path (docs/generator.md, "Diagnostics"), and it exists.
            Assert.Equal($"docs/diagnostics/{d.Id}.md", d.HelpLinkUri);
            Assert.True(File.Exists(Path.Combine(root, d.HelpLinkUri)), d.HelpLinkUri);
        }

        Assert.Equal(Severities.Count, DiagnosticDescriptors.All.Length);
    }

    private static void Verify(string markup)
    {
        var (source, expected) = Markup.Parse(Header + markup);
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var actual = run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("DITTO", StringComparison.Ordinal)).ToList();
        var describe = GeneratorHarness.Describe(actual);
        Assert.True(
            expected.OrderBy(e => e.Span.Start).ThenBy(e => e.Id).Select(e => $"{e.Id}@{e.Span}").SequenceEqual(
                actual.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id).Select(d => $"{d.Id}@{d.Location.SourceSpan}")),
            $"expected: {string.Join(", ", expected.Select(e => $"{e.Id}@{e.Span} '{source.Substring(e.Span.Start, e.Span.Length)}'"))}\nactual:\n{describe}");
        foreach (var d in actual)
        {
            Assert.Equal(Severities[d.Id], d.Severity);
            Assert.Equal(LocationKind.SourceFile, d.Location.Kind);
            Assert.False(string.IsNullOrWhiteSpace(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // The user's code compiles, and so does the generated code around the diagnostics (stubs for what failed).
        var errors = run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, GeneratorHarness.Describe(errors));
        Assert.Empty(run.GeneratedCodeDiagnostics);
    }
}
