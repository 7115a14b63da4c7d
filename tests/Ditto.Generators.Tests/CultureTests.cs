using System.Globalization;
using Ditto.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Ditto.Generators.Tests;

/// <summary>
/// Generated code does not depend on the current culture: under a culture with a comma decimal separator, U+2212 as the
/// minus sign and a different group separator, the output is byte-identical to the invariant culture's and compiles
/// (a culture-formatted "−0,5" would be CS1056 in the generated code, as in dotnet/runtime#113077).
/// </summary>
public class CultureTests
{
    private const string Model = """
        using System;
        using Ditto;

        namespace Models;

        [SecureModel, FixedPoint(64, 18)]
        public partial class Constants(Tensor w)
        {
            [Weight, FixedPoint(64, 20)] public Tensor W { get; } = w;

            public Tensor Forward(Tensor x, double scale = -0.125, int axis = -1, float bias = -1.5e-3f, long big = -1234567890123)
            {
                var h = Tensor.MatMul(x * -0.5, W) / 1e-3 + 2.5e10 - 1234.5678;
                var m = Ops.Mean(h * scale, axis) + bias + big;
                return Ops.LayerNorm(m, W, W, 1e-12) - -0.75;
            }
        }
        """;

    [Fact]
    public void OutputIsIdenticalUnderACommaDecimalSeparatorAndAUnicodeMinusSign()
    {
        var invariant = Generate(CultureInfo.InvariantCulture);
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = "\u00A0";
        culture.NumberFormat.NegativeSign = "\u2212";
        culture.NumberFormat.PositiveSign = "\u002B";
        culture.NumberFormat.PercentDecimalSeparator = ",";
        Assert.Equal("\u22121,5", (-1.5).ToString(culture));

        var localized = Generate(culture);
        Assert.Equal(invariant.Text, localized.Text);
        Assert.DoesNotContain("\u2212", localized.Text, StringComparison.Ordinal);
        Assert.Contains("-0.125", localized.Text, StringComparison.Ordinal);
        Assert.Contains("1E-12", localized.Text, StringComparison.Ordinal);
        Assert.True(localized.Errors.Count == 0, GeneratorHarness.Describe(localized.Errors));
    }

    private static (string Text, IReadOnlyList<Diagnostic> Errors) Generate(CultureInfo culture)
    {
        var (current, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            var run = GeneratorHarness.Run(("/m/Constants.cs", Model));
            Assert.Empty(run.Exceptions);
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
            return (run.Sources.Single().Value, [.. run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)]);
        }
        finally
        {
            CultureInfo.CurrentCulture = current;
            CultureInfo.CurrentUICulture = ui;
        }
    }
}
