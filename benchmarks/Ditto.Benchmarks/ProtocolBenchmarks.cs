using BenchmarkDotNet.Attributes;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Boolean;
using Ditto.Runtime.Sharing;

namespace Ditto.Benchmarks;

/// <summary>
/// Protocols with three in-process parties on 2^16 elements: each iteration runs one session (setup included: a few
/// hundred microseconds) whose program shares an input and runs the protocol.
/// </summary>
[MemoryDiagnoser]
public class ProtocolBenchmarks
{
    private float[] _values = [];

    /// <summary>Ring width.</summary>
    [Params(32, 64)]
    public int Ring { get; set; }

    [GlobalSetup]
    public void Setup() => _values = Session.Inputs(seed: 2);

    /// <summary>Truncation by f bits of a value with 2f fraction bits.</summary>
    [Benchmark]
    public object Truncation() => Run(DoubleFraction, (party, x) => party.Truncate(x, x.Format.FractionBits / 2));

    /// <summary>Element-wise multiplication of values with the ring's usual fraction bits (fxp32.8, fxp64.18), no truncation.</summary>
    [Benchmark]
    public object Multiplication() => Run(new FixedPointFormat(Ring, Ring == 32 ? 8 : 18), (party, x) => party.Multiply(x, x));

    /// <summary>Bit decomposition (A2B) by the parallel-prefix adder.</summary>
    [Benchmark]
    public object A2B() => Run(DoubleFraction, (party, x) => x is ArithmeticShare<uint> a ? party.ToBits(a) : party.ToBits((ArithmeticShare<ulong>)x));

    /// <summary>The most significant bit (comparison with zero) by the carry tree.</summary>
    [Benchmark]
    public object Msb() => Run(DoubleFraction, (party, x) => x is ArithmeticShare<uint> a ? party.Msb(a) : party.Msb((ArithmeticShare<ulong>)x));

    private FixedPointFormat DoubleFraction => new(Ring, Ring == 32 ? 16 : 36);

    private object Run(FixedPointFormat format, Func<Party, ArithmeticShare, object> op) => Session.Run(_values, format, op);
}
