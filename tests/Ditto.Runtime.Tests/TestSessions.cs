using System.Numerics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;

namespace Ditto.Runtime.Tests;

/// <summary>Runs three in-process parties with a fixed seed, and small helpers shared by the protocol tests.</summary>
internal static class TestSessions
{
    public static SessionResult<T> Run<T>(Func<Party, T> program, ulong seed = 1, TimeSpan? timeout = null) =>
        InProcessSession.Run(program, new SessionOptions { Seed = seed, ReceiveTimeout = timeout ?? TimeSpan.FromSeconds(60) });

    /// <summary>Uniform signed ring values with |x| &lt; 2^bits, as ring elements of T.</summary>
    public static T[] RandomSigned<T>(Random random, int count, int bits)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var values = new T[count];
        var bound = 1L << bits;
        for (var i = 0; i < count; i++)
        {
            values[i] = T.CreateTruncating(random.NextInt64(-bound + 1, bound));
        }

        return values;
    }

    public static long Signed<T>(T value)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
        => FixedPointCodec.ToSigned(value);
}
