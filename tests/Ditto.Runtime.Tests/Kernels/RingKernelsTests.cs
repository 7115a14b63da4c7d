using Ditto.Runtime.Kernels;

namespace Ditto.Runtime.Tests.Kernels;

public class RingKernelsTests
{
    [Fact]
    public void ElementKernelsWrapModuloTheRingOnLargeArrays()
    {
        // Large enough to take the multi-core path.
        var n = (1 << 18) + 3;
        var random = new Random(3);
        var x = Enumerable.Range(0, n).Select(_ => (ulong)random.NextInt64() * 3).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => (ulong)random.NextInt64() * 5).ToArray();
        var r = new ulong[n];
        RingKernels.Add(x, y, r);
        Assert.All(Enumerable.Range(0, n), i => Assert.Equal(unchecked(x[i] + y[i]), r[i]));
        RingKernels.Multiply(x, y, r);
        Assert.All(Enumerable.Range(0, n), i => Assert.Equal(unchecked(x[i] * y[i]), r[i]));
        RingKernels.Subtract(x, y, r);
        Assert.All(Enumerable.Range(0, n), i => Assert.Equal(unchecked(x[i] - y[i]), r[i]));
        RingKernels.ShiftRightArithmetic(x, 7, r);
        Assert.All(Enumerable.Range(0, n), i => Assert.Equal((ulong)((long)x[i] >> 7), r[i]));
    }

    [Fact]
    public void ArithmeticShiftReadsTheRingElementAsSigned()
    {
        uint[] x = [0xFFFFFF00u, 0x100u];
        var r = new uint[2];
        RingKernels.ShiftRightArithmetic(x, 8, r);
        Assert.Equal([0xFFFFFFFFu, 1u], r);
        RingKernels.Negate(x, r);
        Assert.Equal([0x100u, 0xFFFFFF00u], r);
    }

    [Fact]
    public void MismatchedLengthsAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => RingKernels.Add(new uint[3], new uint[4], new uint[3]));
        Assert.Contains("3, 4", e.Message);
    }
}
