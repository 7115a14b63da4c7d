using System.Numerics;
using System.Runtime.Intrinsics;
using Ditto.Runtime.Kernels;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Tests.Kernels;

public class MatMulKernelTests
{
    public static TheoryData<int, int, int, int, bool, bool> Shapes => new()
    {
        { 1, 1, 1, 1, false, false },
        { 1, 7, 13, 5, false, false },
        { 1, 6, 256, 32, false, false },
        { 1, 37, 300, 70, true, false },
        { 1, 50, 19, 41, false, true },
        { 3, 13, 65, 129, true, true },
        { 2, 128, 64, 128, false, true },
        { 1, 130, 513, 33, false, false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BlockedKernelEqualsTripleLoopInBothRingsOnEveryPath(int batch, int m, int k, int n, bool ta, bool tb)
    {
        foreach (var path in Paths())
        {
            Check<uint>(new MatMulDims(batch, m, k, n, ta, tb), path);
            Check<ulong>(new MatMulDims(batch, m, k, n, ta, tb), path);
        }
    }

    [Fact]
    public void BroadcastWeightAndAccumulate()
    {
        foreach (var path in Paths())
        {
            Check<uint>(new MatMulDims(4, 9, 33, 17, BroadcastB: true), path, accumulate: true);
            Check<ulong>(new MatMulDims(4, 9, 33, 17, BroadcastA: true, TransposeB: true), path, accumulate: true);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FloatProductsAgreeWithTheTripleLoopToRounding(int batch, int m, int k, int n, bool ta, bool tb)
    {
        var d = new MatMulDims(batch, m, k, n, ta, tb);
        var random = new Random(m + k + n);
        var a = Enumerable.Range(0, batch * m * k).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var b = Enumerable.Range(0, batch * k * n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        foreach (var path in Paths())
        {
            var expected = new float[batch * m * n];
            var actual = new float[batch * m * n];
            MatMulKernel.MultiplyReference(a, b, expected, d);
            MatMulKernel.Multiply(a, b, actual, d, false, path);
            // Float sums in another order. Products of values in [−0.5, 0.5] have random signs, so the partial sums stay near
            // √k/4 and the reordering error near √k roundings of that size: k·1e-6 bounds it for every k here.
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.InRange(actual[i] - expected[i], -k * 1e-6f, k * 1e-6f);
            }
        }
    }

    [Fact]
    public void WrongBufferSizesNameTheShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => MatMulKernel.Multiply(new uint[6], new uint[6], new uint[4], new MatMulDims(1, 2, 3, 3)));
        Assert.Contains("[2x3]·[3x3]", e.Message);
    }

    private static IEnumerable<KernelPath> Paths()
    {
        yield return KernelPath.Scalar;
        if (Vector256.IsHardwareAccelerated)
        {
            yield return KernelPath.Vector256;
        }

        if (Vector512.IsHardwareAccelerated)
        {
            yield return KernelPath.Vector512;
        }
    }

    private static void Check<T>(MatMulDims d, KernelPath path, bool accumulate = false)
        where T : unmanaged, IBinaryInteger<T>
    {
        var random = new Random(d.M * 1000 + d.N);
        T[] Fill(long n) => [.. Enumerable.Range(0, (int)n).Select(_ => T.CreateTruncating(random.NextInt64()))];
        var a = Fill((d.BroadcastA ? 1L : d.Batch) * d.M * d.K);
        var b = Fill((d.BroadcastB ? 1L : d.Batch) * d.K * d.N);
        var c0 = Fill((long)d.Batch * d.M * d.N);
        var expected = (T[])c0.Clone();
        var actual = (T[])c0.Clone();
        MatMulKernel.MultiplyReference(a, b, expected, d, accumulate);
        MatMulKernel.Multiply(a, b, actual, d, accumulate, path);
        Assert.Equal(expected, actual);
    }
}
