using BenchmarkDotNet.Attributes;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols.Conversion;

namespace Ditto.Benchmarks;

/// <summary>Ditto's ring conversions through the one cast API's default paths, three in-process parties, 2^16 elements.</summary>
[MemoryDiagnoser]
public class ConversionBenchmarks
{
    private float[] _values = [];

    [GlobalSetup]
    public void Setup() => _values = Session.Inputs(seed: 4);

    /// <summary>Upcast fxp32.8 → fxp64.18.</summary>
    [Benchmark]
    public object Upcast() => Session.Run(_values, new FixedPointFormat(32, 8), (party, x) => party.Cast(x, new FixedPointFormat(64, 18)));

    /// <summary>Downcast fxp64.18 → fxp32.8.</summary>
    [Benchmark]
    public object Downcast() => Session.Run(_values, new FixedPointFormat(64, 18), (party, x) => party.Cast(x, new FixedPointFormat(32, 8)));
}
