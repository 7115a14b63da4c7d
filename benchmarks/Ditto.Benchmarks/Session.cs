using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Benchmarks;

/// <summary>One three-party session per iteration: party 0 shares its inputs, then every party runs the protocol.</summary>
internal static class Session
{
    /// <summary>Elements per benchmark.</summary>
    public const int N = 1 << 16;

    /// <summary>Inputs uniform in ±1.</summary>
    public static float[] Inputs(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, N).Select(_ => (float)((random.NextDouble() * 2) - 1))];
    }

    public static object Run(float[] values, FixedPointFormat format, Func<Party, ArithmeticShare, object> op) =>
        InProcessSession.Run(party =>
        {
            var x = party.Share(0, party.Id == 0 ? values : null, TensorShape.Vector(N), format);
            return op(party, x);
        }, new SessionOptions { Seed = 3 }).Results;
}
