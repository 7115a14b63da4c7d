using BenchmarkDotNet.Attributes;
using Ditto.Runtime.Engine;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Benchmarks;

/// <summary>
/// Protocols with three in-process parties on 2^16 elements: each iteration runs one session (setup included: a few
/// hundred microseconds) whose program shares an input and runs the protocol.
/// </summary>
[MemoryDiagnoser]
public class ProtocolBenchmarks
{
    private const int N = 1 << 16;
    private float[] _values = [];

    /// <summary>Ring width.</summary>
    [Params(32, 64)]
    public int Ring { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2);
        _values = [.. Enumerable.Range(0, N).Select(_ => (float)((random.NextDouble() * 2) - 1))];
    }

    /// <summary>Truncation by f bits of a value with 2f fraction bits.</summary>
    [Benchmark]
    public object Truncation() => Run((party, x) => party.Truncate(x, x.Format.FractionBits / 2));

    /// <summary>Element-wise multiplication.</summary>
    [Benchmark]
    public object Multiplication() => Run((party, x) => party.Multiply(x, x));

    private object Run(Func<Party, ArithmeticShare, ArithmeticShare> op)
    {
        var f = Ring == 32 ? 16 : 36;
        return InProcessSession.Run(party =>
        {
            var x = party.Share(0, party.Id == 0 ? _values : null, TensorShape.Vector(N), new FixedPointFormat(Ring, f));
            return op(party, x).Length;
        }, new SessionOptions { Seed = 3 }).Results;
    }
}
