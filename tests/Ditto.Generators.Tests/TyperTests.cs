using Ditto.Generators.Ir;
using Ditto.Generators.Model;
using Ditto.Generators.Typing;
using Microsoft.CodeAnalysis.Text;

namespace Ditto.Generators.Tests;

/// <summary>The typing rules on our own IR, without Roslyn (docs/generator.md, "Typing rules").</summary>
public class TyperTests
{
    private static readonly FormatRef Linear = FormatRef.Named("Linear");
    private static readonly FormatRef NonLinear = FormatRef.Named("NonLinear");
    private static readonly FormatRef Fxp32_8 = FormatRef.Concrete(32, 8);
    private static readonly FormatRef Fxp32_6 = FormatRef.Concrete(32, 6);
    private static readonly FormatRef Fxp64_18 = FormatRef.Concrete(64, 18);

    private static SourceRef At(int line, string snippet = "e") => new(new TextSpan(line * 10, 1), line, snippet);

    private static ParameterSpec Secure(string name, FormatRef format) => new SecureParameter { Name = name, Format = format };

    private static (MethodSpec Spec, IReadOnlyList<TypingDiagnostic> Diagnostics) Type(FormatRef method, FormatRef returns, ParameterSpec[] parameters, params StatementNode[] body) =>
        Typer.Run(new MethodIr("F", "public", false, 1, "F(Tensor)", method, returns, parameters, body, new HashSet<string>(parameters.Select(p => p.Name))), "M.F");

    [Fact]
    public void OperandsOfAddWithTheSameFormatAreNotConverted()
    {
        var (spec, _) = Type(Linear, Linear, [Secure("x", NonLinear), Secure("y", NonLinear)],
            new ReturnNode(At(2), new BinaryNode(At(2), BinaryKind.Add, new RefNode(At(2), "x"), new RefNode(At(2), "y"))));

        // x + y stays in NonLinear; only the return converts to the declared Linear.
        Assert.Equal([(NonLinear, Linear)], spec.Conversions.Select(c => (c.From, c.To)));
    }

    [Fact]
    public void OperandsOfAddWithDifferentNamesAreBothConvertedToTheMethodFormat()
    {
        var (spec, _) = Type(Linear, Linear, [Secure("x", NonLinear), Secure("y", FormatRef.Named("Other"))],
            new ReturnNode(At(2), new BinaryNode(At(2), BinaryKind.Subtract, new RefNode(At(2), "x"), new RefNode(At(2), "y"))));
        Assert.Equal([(NonLinear, Linear), (FormatRef.Named("Other"), Linear)], spec.Conversions.Select(c => (c.From, c.To)));
    }

    [Fact]
    public void ConcreteOperandsOfOneRingAreMultipliedAsTheyAreAndTheProductIsTruncatedToTheMethodFormat()
    {
        var (spec, _) = Type(Fxp32_8, Fxp32_8, [Secure("x", Fxp32_8), Secure("w", Fxp32_6)],
            new ReturnNode(At(2), new MatMulNode(At(2), new RefNode(At(2), "x"), new RefNode(At(2), "w"), "false", false)));
        var c = Assert.Single(spec.Conversions);
        Assert.Equal("fxp32.14", c.From.Display);
        Assert.Equal(Fxp32_8, c.To);
        Assert.StartsWith("truncation after the matmul", c.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AProductWithZeroFractionBitsNeedsNoTruncation()
    {
        var (spec, _) = Type(Fxp32_8, Fxp32_8, [Secure("x", Fxp32_8), Secure("k", FormatRef.Concrete(32, 0))],
            new ReturnNode(At(2), new BinaryNode(At(2), BinaryKind.Multiply, new RefNode(At(2), "x"), new RefNode(At(2), "k"))));
        Assert.Empty(spec.Conversions);
    }

    [Fact]
    public void OperandsOfDifferentRingsAreConvertedToTheMethodFormatBeforeTheProduct()
    {
        var (spec, _) = Type(Fxp32_8, Fxp32_8, [Secure("x", Fxp64_18), Secure("w", Fxp32_8)],
            new ReturnNode(At(2), new BinaryNode(At(2), BinaryKind.Multiply, new RefNode(At(2), "x"), new RefNode(At(2), "w"))));
        Assert.Equal([(Fxp64_18, Fxp32_8), (FormatRef.Product(Fxp32_8, Fxp32_8), Fxp32_8)], spec.Conversions.Select(c => (c.From, c.To)));
    }

    [Fact]
    public void FunctionsRunInTheMethodFormatAndALocalKeepsTheFormatOfItsFirstAssignment()
    {
        var (spec, _) = Type(NonLinear, NonLinear, [Secure("x", Linear)],
            new DeclareNode(At(2), "h", new RefNode(At(2), "x")),
            new AssignNode(At(3), "h", new FunctionNode(At(3), "Softmax", [new RefNode(At(3), "h")], [], [])),
            new ReturnNode(At(4), new RefNode(At(4), "h")));

        // h holds Linear (from x); Softmax's input goes to NonLinear, its result back to h's Linear; the return to NonLinear.
        Assert.Equal([(Linear, NonLinear), (NonLinear, Linear), (Linear, NonLinear)], spec.Conversions.Select(c => (c.From, c.To)));
        Assert.Equal([3, 3, 4], spec.Conversions.Select(c => c.Line));
    }

    [Fact]
    public void ArgumentsTakeTheCalleesParameterFormatsAndTheResultItsReturnFormat()
    {
        var callee = new CalleeFacts("Other.G", [Fxp64_18, null], ["a", "n"], FormatRef.Concrete(64, 20));
        var (spec, _) = Type(Fxp32_8, Fxp32_8, [Secure("x", Fxp32_8)],
            new ReturnNode(At(2), new CallNode(At(2), "this.Other", "G", callee, [new CallArgument(new RefNode(At(2), "x"), null), new CallArgument(null, "3")])));
        Assert.Equal([(Fxp32_8, Fxp64_18), (FormatRef.Concrete(64, 20), Fxp32_8)], spec.Conversions.Select(c => (c.From, c.To)));
        Assert.Contains("argument 'a' of Other.G", spec.Conversions[0].Reason, StringComparison.Ordinal);
        Assert.Equal(2, spec.FormatLocals.Count);
    }

    [Fact]
    public void HeadroomUsesTheInnerDimensionFromReshapeLiterals()
    {
        var reshape = new UnaryNode(At(2), "Reshape", new RefNode(At(2), "x"), ["new int[] { 4, 8192 }"], [4, 8192]);
        var (_, warnings) = Type(Fxp32_8, Fxp32_8, [Secure("x", Fxp32_8), Secure("w", Fxp32_8)],
            new ReturnNode(At(2), new MatMulNode(At(2), reshape, new RefNode(At(2), "w"), "false", false)));
        var d = Assert.Single(warnings);
        Assert.Equal("DITTO0005", d.Descriptor.Id);
        Assert.Contains("K = 8192", d.Arguments[2], StringComparison.Ordinal);

        var (_, none) = Type(Fxp32_8, Fxp32_8, [Secure("x", Fxp32_8), Secure("w", Fxp32_8)],
            new ReturnNode(At(2), new MatMulNode(At(2), new UnaryNode(At(2), "Reshape", new RefNode(At(2), "x"), ["new int[] { 4, 64 }"], [4, 64]), new RefNode(At(2), "w"), "false", false)));
        Assert.Empty(none);
    }

    [Fact]
    public void GeneratedNamesAvoidEveryIdentifierOfTheMethod()
    {
        var ir = new MethodIr("F", "public", false, 1, "F(Tensor)", Linear, Linear, [Secure("backend", Linear)],
            [new ReturnNode(At(2), new WeightNode(At(2), "this.W", NonLinear))], new HashSet<string> { "backend", "scope", "nonLinear", "backend_" });
        var (spec, _) = Typer.Run(ir, "M.F");
        Assert.Equal("backend__", spec.BackendName);
        Assert.Equal("scope_", spec.ScopeLocal);
        Assert.Contains(spec.FormatLocals, l => l.Name == "nonLinear_");
    }
}
