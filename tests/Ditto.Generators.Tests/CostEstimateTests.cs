using Ditto.Generators.Tests.Harness;
using Ditto.Generators.Tests.Models;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Description;
using Ditto.Runtime.Tensors;
using Xunit.Abstractions;

namespace Ditto.Generators.Tests;

/// <summary>
/// The cost estimate runs the generated twin on the cost-estimating backend; for the arithmetic core its bytes equal what
/// the three-party engine measures.
/// </summary>
public class CostEstimateTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Mlp")]
    [InlineData("MixedFormats")]
    [InlineData("LayerStack")]
    [InlineData("Layout")]
    public void TheEstimateOfALinearModelEqualsTheBytesTheEngineMeasures(string name)
    {
        var c = ModelCase.All.Single(m => m.Name == name);
        var plan = c.MpcPlan!;
        var publicArguments = c.Method.Parameters.Skip(1).Select((p, i) => (p.Name, c.PublicArguments[i])).ToDictionary(p => p.Name, p => p.Item2);
        var estimate = CostEstimator.Estimate(c.Method, c.Model, new Dictionary<string, TensorShape> { ["x"] = c.Input.Shape }, plan, publicArguments: publicArguments);
        var session = Sessions.Run(party =>
        {
            var b = BackendFactory.Mpc(party, plan, new Approximations());
            return b.Reveal(c.RunTwin(b, party.Id == b.ClientId ? c.Input : null), b.ClientId)?.Data;
        });
        var measured = session.Report.Operations.Where(r => r.Name != "setup").Sum(r => r.BytesTotal);
        output.WriteLine(estimate.ToString());
        output.WriteLine(session.Report.ToTable());
        Assert.Equal(measured, estimate.Bytes);
    }

    [Fact]
    public void TheEstimateAttributesCostsToLayersAndSharesEachWeightOnce()
    {
        var c = ModelCase.All.Single(m => m.Name == "LayerStack");
        var estimate = CostEstimator.Estimate(c.Method, c.Model, new Dictionary<string, TensorShape> { ["x"] = new(4, 8) }, PrecisionPlan.Ditto,
            publicArguments: new Dictionary<string, object?> { ["depth"] = 3 });
        Assert.Contains(estimate.Rows, r => r.Scope == "LayerStack.Forward/Block.Forward" && r.Operation == "MatMul");
        var weights = estimate.Rows.Single(r => r.Scope == "weights");

        // 4 blocks × (8×8 + 8) weights, each shared once in fxp32.8 at 8 bytes per element.
        Assert.Equal(4 * 72 * 8, weights.Bytes);
        Assert.Equal(4 * 2, weights.Calls);
    }

    [Fact]
    public void AModelWithNonLinearFunctionsGetsAnEstimateUnderEveryPlan()
    {
        var c = ModelCase.All.Single(m => m.Name == "BertLayer");
        var ditto = CostEstimator.Estimate(c.Method, c.Model, new Dictionary<string, TensorShape> { ["x"] = new(4, 8) }, PrecisionPlan.Ditto);
        var puma = CostEstimator.Estimate(c.Method, c.Model, new Dictionary<string, TensorShape> { ["x"] = new(4, 8) }, PrecisionPlan.Puma);
        output.WriteLine(ditto.ToString());
        Assert.Contains(ditto.Rows, r => r.Operation == "Softmax");
        Assert.Contains(ditto.Rows, r => r.Operation == "LayerNorm");
        Assert.Contains(ditto.Rows, r => r.Operation == "Cast" && r.Bytes > 0);

        // Under PUMA every name is fxp64.18: the casts between names are free and the matmuls cost twice as much.
        Assert.DoesNotContain(puma.Rows, r => r.Operation == "Cast" && r.Bytes > 0 && r.Scope.Contains("Norm", StringComparison.Ordinal));
        Assert.True(puma.Rows.Where(r => r.Operation == "MatMul").Sum(r => r.Bytes) == 2 * ditto.Rows.Where(r => r.Operation == "MatMul").Sum(r => r.Bytes));
    }

    [Fact]
    public void ConversionsAreFreeWhenThePlanMakesTheirFormatsEqual()
    {
        var conversions = GatedUnit.ModelDescription.Method("Forward").Conversions;
        var named = conversions.Where(c => c.From.Kind == FormatDescriptionKind.Named && c.To.Kind == FormatDescriptionKind.Named).ToList();
        Assert.NotEmpty(named);
        Assert.All(named, c => Assert.True(c.IsFreeUnder(PrecisionPlan.Puma)));
        Assert.All(named, c => Assert.False(c.IsFreeUnder(PrecisionPlan.Ditto)));
    }
}
