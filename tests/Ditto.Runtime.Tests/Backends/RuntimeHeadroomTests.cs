using Ditto.Runtime.Backends;
using Ditto.Runtime.Engines.Clear;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Tests.Backends;

/// <summary>
/// A matmul whose inner size the generator cannot see is checked on first use against the real K: a fxp32.8 product
/// over K = 4096 (float 36,864) breaks the headroom rule, the backend says so with the method, the formats and K, and the
/// checking emulator shows the sums leaving the ring.
/// </summary>
public class RuntimeHeadroomTests
{
    [Fact]
    public void AFxp32ProductOverK4096IsReportedWithItsMethodFormatsAndSize()
    {
        var format = new FixedPointFormat(32, 8);
        var x = new Tensor(Enumerable.Repeat(3f, 2 * 4096).ToArray(), new TensorShape(2, 4096));
        var w = new Tensor(Enumerable.Repeat(3f, 4096 * 2).ToArray(), new TensorShape(4096, 2));
        Tensor Run(IBackend backend)
        {
            using (backend.Scope("Probe.Forward"))
            {
                var product = backend.MatMul(backend.Input(x, x.Shape, format, 0), backend.Weight(w, format), false);
                return backend.Reveal(backend.Cast(product, format), 0)!;
            }
        }

        var plain = Run(BackendFactory.Float());
        Assert.All(plain.Data, v => Assert.Equal(36864f, v));

        var emulated = BackendFactory.Emulated(PrecisionPlan.Ditto, new Approximations());
        var wrong = Run(emulated);
        var warning = Assert.Single(emulated.HeadroomWarnings);
        Assert.Equal("Probe.Forward", warning.Scope);
        Assert.Equal("matmul", warning.Operation);
        Assert.Contains("fxp32.8 × fxp32.8 over K = 4096", warning.Problem, StringComparison.Ordinal);
        Assert.All(wrong.Data, v => Assert.NotEqual(36864f, v)); // the sums wrap the 32-bit ring

        var checker = new RangeChecker();
        Run(BackendFactory.Checking(PrecisionPlan.Ditto, new Approximations(), checker));
        var row = Assert.Single(checker.Violations, r => r.Check == "matmul within the ring");
        Assert.Equal(4, row.Violations);
        Assert.Contains("Probe.Forward", row.Scope, StringComparison.Ordinal);
    }
}
