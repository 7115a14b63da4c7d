using System.Numerics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Arithmetic;

/// <summary>
/// Opening a secret. Every value that leaves the engine in the clear goes through here, so a reveal is always explicit.
/// To all: each party sends x_i to party i+1 (1 round, k bits per party). To one party t: party t−1 sends x_{t−1}
/// (1 round, k bits in total).
/// </summary>
public static class Reveal
{
    /// <summary>Opening n elements to one party (k bits each) or to all three (3k bits each); 1 round.</summary>
    public static ProtocolCost Cost(int k, long n, bool toAll) => new((toAll ? 3.0 : 1.0) * k / 8 * n, 1);

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
    public static float[] Open<T>(this Party party, ArithmeticShare<T> x)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
        => Decode(party.OpenRing(x), x.Format);

    /// <summary>Opens x to party <paramref name="target"/> only and decodes it there; the others get null.</summary>
    public static float[]? OpenTo<T>(this Party party, ArithmeticShare<T> x, int target)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
        => party.OpenRingTo(x, target) is { } v ? Decode(v, x.Format) : null;

    /// <summary>Opens a share of either ring to all parties and decodes it.</summary>
    public static float[] Open(this Party party, ArithmeticShare x) => RingDispatch.Match(x, party.Open, party.Open);

    /// <summary>Opens a share of either ring to party <paramref name="target"/> only; the others get null.</summary>
    public static float[]? OpenTo(this Party party, ArithmeticShare x, int target) =>
        RingDispatch.Match(x, s => party.OpenTo(s, target), s => party.OpenTo(s, target));

    private static float[] Decode<T>(T[] values, FixedPointFormat format)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var result = new float[values.Length];
        FixedPointCodec.Decode<T>(values, result, format.FractionBits);
        return result;
    }
}
