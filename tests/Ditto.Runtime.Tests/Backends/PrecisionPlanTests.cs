using Ditto.Runtime.Backends;
using Ditto.Runtime.Functions;

namespace Ditto.Runtime.Tests.Backends;

/// <summary>A named precision the plan does not define is an error that names the model, the precision and the plan.</summary>
public class PrecisionPlanTests
{
    public static TheoryData<string> Backends => ["float", "emulated"];

    [Theory]
    [MemberData(nameof(Backends))]
    public void AnUnknownNamedPrecisionNamesTheModelThePrecisionAndThePlan(string name)
    {
        IBackend backend = name == "float" ? BackendFactory.Float(PrecisionPlan.Ditto) : BackendFactory.Emulated(PrecisionPlan.Ditto, new Approximations());
        using (backend.Scope("Probe.Forward"))
        {
            var e = Assert.Throws<KeyNotFoundException>(() => backend.Resolve("Attention"));
            Assert.Contains("Probe.Forward", e.Message, StringComparison.Ordinal);
            Assert.Contains("'Attention'", e.Message, StringComparison.Ordinal);
            Assert.Contains("Linear=fxp32.8, NonLinear=fxp64.18", e.Message, StringComparison.Ordinal);
            Assert.Contains("--plan Attention=", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(new Ditto.Runtime.FixedPoint.FixedPointFormat(32, 8), backend.Resolve("Linear"));
    }
}
