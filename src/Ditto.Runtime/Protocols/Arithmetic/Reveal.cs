using System.Numerics;
using Ditto.Runtime.Engine;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Arithmetic;

/// <summary>
/// Opening a secret. Every value that leaves the engine in the clear goes through here, so a reveal is always explicit.
/// To all: each party sends x_i to party i+1 (1 round, k bits per party). To one party t: party t−1 sends x_{t−1}
/// (1 round, k bits in total).
/// </summary>
public static class Reveal
{
    /// <summary>Opens x to all three parties; returns the ring values.</summary>
    public static T[] OpenRing<T>(this Party party, ArithmeticShare<T> x)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        using var _ = party.Ledger.Protocol("open");
        var missing = new T[x.Length];
        party.Comm.Send<T>(party.Comm.Next, x.First);
        party.Comm.Receive(party.Comm.Previous, missing.AsSpan());
        for (var i = 0; i < missing.Length; i++)
        {
            missing[i] += x.First[i] + x.Second[i];
        }

        return missing;
    }

    /// <summary>Opens x to party <paramref name="target"/> only; the others get null.</summary>
    public static T[]? OpenRingTo<T>(this Party party, ArithmeticShare<T> x, int target)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        ShareChecks.Owner(target);
        using var _ = party.Ledger.Protocol("open-to");
        if (party.Id == (target + 2) % 3)
        {
            party.Comm.Send<T>(target, x.First);
            return null;
        }

        if (party.Id != target)
        {
            return null;
        }

        var missing = new T[x.Length];
        party.Comm.Receive(party.Comm.Previous, missing.AsSpan());
        for (var i = 0; i < missing.Length; i++)
        {
            missing[i] += x.First[i] + x.Second[i];
        }

        return missing;
    }

    /// <summary>Opens x to all parties and decodes it.</summary>
    public static float[] Open(this Party party, ArithmeticShare x) => x switch
    {
        ArithmeticShare<uint> s => Decode(party.OpenRing(s), x.Format),
        ArithmeticShare<ulong> s => Decode(party.OpenRing(s), x.Format),
        _ => throw new NotSupportedException($"Unknown share type {x.GetType().Name}."),
    };

    /// <summary>Opens x to party <paramref name="target"/> only and decodes it there; the others get null.</summary>
    public static float[]? OpenTo(this Party party, ArithmeticShare x, int target) => x switch
    {
        ArithmeticShare<uint> s => party.OpenRingTo(s, target) is { } v ? Decode(v, x.Format) : null,
        ArithmeticShare<ulong> s => party.OpenRingTo(s, target) is { } v ? Decode(v, x.Format) : null,
        _ => throw new NotSupportedException($"Unknown share type {x.GetType().Name}."),
    };

    private static float[] Decode<T>(T[] values, FixedPointFormat format)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var result = new float[values.Length];
        FixedPointCodec.Decode<T>(values, result, format.FractionBits);
        return result;
    }
}
