using BenchmarkDotNet.Attributes;
using Ditto.Runtime.Kernels;
using Ditto.Runtime.Tensors;

namespace Ditto.Benchmarks;

/// <summary>The local ring matmul kernel on BERT-base's projection shape, in each ring (one local product, all cores).</summary>
[MemoryDiagnoser]
public class MatMulKernelBenchmarks
{
    private readonly MatMulDims _dims = new(1, 128, 768, 768);
    private uint[] _a32 = [], _b32 = [], _c32 = [];
    private ulong[] _a64 = [], _b64 = [], _c64 = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _a32 = [.. Enumerable.Range(0, 128 * 768).Select(_ => (uint)random.Next())];
        _b32 = [.. Enumerable.Range(0, 768 * 768).Select(_ => (uint)random.Next())];
        _c32 = new uint[128 * 768];
        _a64 = [.. _a32.Select(v => (ulong)v * 0x9E3779B97F4A7C15UL)];
        _b64 = [.. _b32.Select(v => (ulong)v * 0x9E3779B97F4A7C15UL)];
        _c64 = new ulong[128 * 768];
    }

    /// <summary>Z_2^32.</summary>
    [Benchmark(Baseline = true)]
    public void Ring32() => MatMulKernel.Multiply(_a32, _b32, _c32, _dims);

    /// <summary>Z_2^64.</summary>
    [Benchmark]
    public void Ring64() => MatMulKernel.Multiply(_a64, _b64, _c64, _dims);
}
