using Ditto.Generators.Tests.Harness;
using Ditto.Generators.Tests.Models;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Description;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Tensors;
using Xunit.Abstractions;

namespace Ditto.Generators.Tests;

/// <summary>
/// The cost estimate runs the generated twin on the cost-estimating backend; for the arithmetic core its bytes equal what
/// the three-party engine measures.
/// </summary>
public class CostEstimateTests(ITestOutputHelper output)
{
    public static TheoryData<string> AllModels => [.. ModelCase.All.Select(c => c.Name)];

    /// <summary>
    /// For every model (softmax, LayerNorm, PUMA and quad GeLU, mixed rings and named precisions among them) the estimated
    /// bytes equal the bytes the three parties send, exactly: the arithmetic core and the conversions have exact formulas,
    /// and functions are priced by running the function library itself on the cost engine. The estimate's rounds are the
    /// protocols' rounds summed in program order, so they bound the measured critical path from above.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllModels))]
    public void TheEstimateEqualsTheBytesTheEngineMeasures(string name)
    {
        var c = ModelCase.All.Single(m => m.Name == name);
        var plan = c.MpcPlan;
        var publicArguments = c.Method.Parameters.Skip(1).Select((p, i) => (p.Name, c.PublicArguments[i])).ToDictionary(p => p.Name, p => p.Item2);
        var estimate = CostEstimator.Estimate(c.Method, c.Model, new Dictionary<string, TensorShape> { ["x"] = c.Input.Shape }, plan, c.Approximations, publicArguments);
        var session = Sessions.Run(party =>
        {
            var b = BackendFactory.Mpc(party, plan, c.Approximations);
            return b.Reveal(c.RunTwin(b, party.Id == b.ClientId ? c.Input : null), b.ClientId)?.Data;
        });
        var measured = session.Report.Operations.Where(r => r.Name != "setup").Sum(r => r.BytesTotal);
        var rounds = session.Report.Operations.Where(r => r.Name != "setup").Sum(r => r.Rounds);
        output.WriteLine(estimate.ToString());
        output.WriteLine(session.Report.ToTable());
        Assert.Equal(measured, estimate.Bytes);
        Assert.InRange(rounds, 1, estimate.Rounds);
    }

    [Fact]
    public void TheEstimateOfABertLayerPricesEveryLayerTypeAsTheEngineSendsIt()
    {
        // Per layer type, not only in total: the estimate keeps the engine's scopes, so its rows by layer type equal the
        // engine's ledger by layer type (CostCategories), softmax, GeLU, LayerNorm and the conversions among them.
        var c = ModelCase.All.Single(m => m.Name == "BertLayer");
        var estimate = CostEstimator.Estimate(c.Method, c.Model, new Dictionary<string, TensorShape> { ["x"] = c.Input.Shape }, c.MpcPlan, c.Approximations);
        var session = Sessions.Run(party =>
        {
            var b = BackendFactory.Mpc(party, c.MpcPlan, c.Approximations);
            return b.Reveal(c.RunTwin(b, party.Id == b.ClientId ? c.Input : null), b.ClientId)?.Data;
        });
        foreach (var category in new[] { CostCategories.Linear, CostCategories.Attention, CostCategories.Softmax, CostCategories.Gelu, CostCategories.LayerNorm, CostCategories.Conversion })
        {
            var estimated = estimate.Rows.Where(r => r.LayerType == category).Sum(r => r.Bytes);
            var measured = session.Report.Operations.Where(r => r.Name != "setup" && CostCategories.Of(r.Scope) == category).Sum(r => r.BytesTotal);
            output.WriteLine($"{category}: estimated {estimated} B, measured {measured} B");
            Assert.Equal(measured, estimated);
        }

        Assert.All(new[] { CostCategories.Softmax, CostCategories.Gelu, CostCategories.LayerNorm }, category => Assert.True(estimate.Rows.Where(r => r.LayerType == category).Sum(r => r.Bytes) > 0, category));
    }

    [Fact]
    public void TheEstimateAttributesCostsToLayersAndSharesEachWeightOnce()
    {
        var c = ModelCase.All.Single(m => m.Name == "LayerStack");
        var estimate = CostEstimator.Estimate(c.Method, c.Model, new Dictionary<string, TensorShape> { ["x"] = new(4, 8) }, PrecisionPlan.Ditto,
            publicArguments: new Dictionary<string, object?> { ["depth"] = 3 });
        Assert.Contains(estimate.Rows, r => r.Scope == "LayerStack.Forward/Block.Forward" && r.LayerType == CostCategories.Linear);
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
        Assert.Contains(ditto.Rows, r => r.LayerType == CostCategories.Softmax);
        Assert.Contains(ditto.Rows, r => r.LayerType == CostCategories.LayerNorm);
        Assert.Contains(ditto.Rows, r => r.LayerType == CostCategories.Conversion && r.Bytes > 0);

        // Under PUMA every name is fxp64.18: the casts between names are free, and the products with weights cost twice as much
        // (64-bit words) and their truncations more than twice (18 bits dropped instead of 8).
        Assert.DoesNotContain(puma.Rows, r => r.LayerType == CostCategories.Conversion && r.Bytes > 0 && r.Scope.Contains("Norm", StringComparison.Ordinal));
        var (pumaLinear, dittoLinear) = (puma.Rows.Where(r => r.LayerType == CostCategories.Linear).Sum(r => r.Bytes), ditto.Rows.Where(r => r.LayerType == CostCategories.Linear).Sum(r => r.Bytes));
        output.WriteLine($"linear: puma {pumaLinear} B, ditto {dittoLinear} B");
        Assert.True(pumaLinear > 2 * dittoLinear, $"puma {pumaLinear} B, ditto {dittoLinear} B");
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
