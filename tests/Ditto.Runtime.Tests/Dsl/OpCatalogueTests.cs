using System.Reflection;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Engines.Cost;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Tests.Dsl;

/// <summary>
/// The op catalogue is the one declaration of the op library: the DSL (<see cref="Ops"/> and <see cref="Tensor"/>) and
/// <see cref="IBackend"/> have exactly its ops with its arities and public arguments, and the fixed-point backend records
/// each op's cost under the catalogue's layer type. The generator compiles the same catalogue (its own test compiles every
/// op's example). A new op that misses one of these places fails here.
/// </summary>
public class OpCatalogueTests
{
    /// <summary>IBackend members that are not ops of the library: the run's context, entry and exit of values, and conversions.</summary>
    private static readonly string[] Infrastructure = ["Resolve", "Scope", "Pin", "Announce", "Input", "Weight", "Constant", "Reveal", "Cast"];

    /// <summary>Tensor members that return a tensor but are not ops (construction and naming).</summary>
    private static readonly string[] NotOps = ["Zeros", "Placeholder", "Named"];

    /// <summary>Which catalogue op each Tensor operator is.</summary>
    private static readonly Dictionary<(string Operator, Type? Right), string> Operators = new()
    {
        [("op_Addition", typeof(Tensor))] = "Add",
        [("op_Subtraction", typeof(Tensor))] = "Subtract",
        [("op_Multiply", typeof(Tensor))] = "Multiply",
        [("op_UnaryNegation", null)] = "Negate",
        [("op_Multiply", typeof(double))] = "Scale",
        [("op_Division", typeof(double))] = "Scale",
        [("op_Addition", typeof(double))] = "AddConstant",
        [("op_Subtraction", typeof(double))] = "AddConstant",
    };

    [Fact]
    public void OpNamesAreUniqueAndLayerTypesAreCostCategories()
    {
        Assert.Equal(OpCatalogue.All.Count, OpCatalogue.All.Select(o => o.Name).Distinct().Count());
        Assert.All(OpCatalogue.All, o => Assert.True(
            CostCategories.All.Contains(o.LayerType) || o.LayerType is OpCatalogue.ByOperands or OpCatalogue.OfOperand,
            $"{o.Name}: layer type '{o.LayerType}'"));
    }

    [Fact]
    public void OpsHasExactlyTheCataloguesOpsFunctions()
    {
        var methods = typeof(Ops).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(Tensor)).ToList();
        var declared = OpCatalogue.All.Where(o => o.Surface == OpSurface.Ops).ToList();
        Assert.Equal(declared.Select(o => o.Name).Order(), methods.Select(m => m.Name).Order());
        foreach (var op in declared)
        {
            var m = Assert.Single(methods, m => m.Name == op.Name);
            AssertParameters(op, m.GetParameters(), typeof(Tensor));
        }
    }

    [Fact]
    public void TensorHasExactlyTheCataloguesMethods()
    {
        var methods = typeof(Tensor).GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.ReturnType == typeof(Tensor) && !m.IsSpecialName && !NotOps.Contains(m.Name)).ToList();
        var declared = OpCatalogue.All.Where(o => o.Surface is OpSurface.TensorStatic or OpSurface.TensorInstance).ToList();
        Assert.Equal(declared.Select(o => o.Name).Order(), methods.Select(m => m.Name).Order());
        foreach (var op in declared)
        {
            var m = Assert.Single(methods, m => m.Name == op.Name);
            Assert.Equal(op.Surface == OpSurface.TensorStatic, m.IsStatic);
            var parameters = m.IsStatic ? m.GetParameters() : [null!, .. m.GetParameters()];
            if (op.Name == "Concat")
            {
                // Concat(axis, params parts): the axis comes first in the DSL.
                Assert.Equal(["axis", "parts"], m.GetParameters().Select(p => p.Name));
                continue;
            }

            Assert.Equal(op.Tensors + op.Arguments.Count, parameters.Length);
            Assert.Equal(op.Arguments, parameters.Skip(op.Tensors).Select(p => p.Name));
        }
    }

    [Fact]
    public void EveryTensorOperatorIsACatalogueOperator()
    {
        var operators = typeof(Tensor).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.IsSpecialName && m.Name.StartsWith("op_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(operators);
        foreach (var m in operators)
        {
            var p = m.GetParameters();
            var right = p.Length == 1 ? null : p[0].ParameterType == typeof(double) ? p[0].ParameterType : p[1].ParameterType;
            Assert.True(Operators.TryGetValue((m.Name, right), out var name), $"{m.Name}({string.Join(", ", p.Select(x => x.ParameterType.Name))}) is not mapped to an op");
            Assert.Equal(OpSurface.Operator, OpCatalogue.Find(name)!.Surface);
        }

        Assert.Equal(OpCatalogue.All.Where(o => o.Surface == OpSurface.Operator).Select(o => o.Name).Order(), Operators.Values.Distinct().Order());
    }

    [Fact]
    public void IBackendHasExactlyTheCataloguesOps()
    {
        var methods = typeof(IBackend).GetMethods().Where(m => !m.IsSpecialName && !Infrastructure.Contains(m.Name)).ToList();
        Assert.Equal(OpCatalogue.All.Select(o => o.Name).Order(), methods.Select(m => m.Name).Order());
        foreach (var op in OpCatalogue.All)
        {
            var m = Assert.Single(methods, m => m.Name == op.Name);
            Assert.Equal(typeof(Value), m.ReturnType);
            var p = m.GetParameters();
            Assert.Equal(op.Tensors, p.Count(x => x.ParameterType == typeof(Value) || x.ParameterType == typeof(Value[])));
            Assert.Equal(op.Arguments.Count, p.Count(x => x.ParameterType != typeof(Value) && x.ParameterType != typeof(Value[])));
        }
    }

    [Fact]
    public void TheFixedPointBackendRecordsEachOpUnderItsLayerType()
    {
        foreach (var op in OpCatalogue.All.Where(o => CostCategories.All.Contains(o.LayerType)))
        {
            var recorder = new CostRecorder();
            var backend = BackendFactory.Estimate(PrecisionPlan.Ditto, new Approximations(), recorder);
            var format = new Ditto.Runtime.FixedPoint.FixedPointFormat(64, 18);
            var x = backend.Weight(Tensor.Placeholder(new TensorShape(4, 8)), format);
            var row = backend.Weight(Tensor.Placeholder(new TensorShape(8)), format);
            using (backend.Scope("probe"))
            {
                _ = op.Name switch
                {
                    "Multiply" => backend.Multiply(x, x),
                    "Gelu" => backend.Gelu(x, GeluVariant.Erf),
                    "LayerNorm" => backend.LayerNorm(x, row, row, 1e-5),
                    "RmsNorm" => backend.RmsNorm(x, row, 1e-6),
                    "Mean" => backend.Mean(x, -1),
                    "MaskedSoftmax" => backend.MaskedSoftmax(x, new Tensor([1, 1, 0, 1, 1, 1, 1, 1], 8)),
                    _ => (Value)typeof(IBackend).GetMethod(op.Name)!.Invoke(backend, [x])!,
                };
            }

            var rows = recorder.Estimate.Rows.Where(r => r.Scope == "probe").ToList();
            Assert.True(rows.Count > 0, $"{op.Name} recorded nothing");
            Assert.All(rows, r => Assert.Equal(op.LayerType, r.LayerType));
        }
    }

    private static void AssertParameters(OpInfo op, ParameterInfo[] parameters, Type tensor)
    {
        Assert.Equal(op.Tensors + op.Arguments.Count, parameters.Length);
        Assert.All(parameters.Take(op.Tensors), p => Assert.Equal(tensor, p.ParameterType));
        Assert.Equal(op.Arguments, parameters.Skip(op.Tensors).Select(p => p.Name));
    }
}
