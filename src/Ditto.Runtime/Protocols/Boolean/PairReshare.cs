using System.Numerics;
using Ditto.Runtime.Engine;

namespace Ditto.Runtime.Protocols.Boolean;

/// <summary>
/// 2-of-2 to replicated when the two holders are B and C (pattern 2.2-2 of the reference, with A as the receiver):
/// B and C draw w1, w2 from their common stream; B sends y_B − w1 to A, C sends y_C − w2 to A. The components are
/// (y_C − w2, y_B − w1, w1 + w2) for (A, B, C) in share order. 1 round, one word from each of B and C.
/// C's part never depends on A's message, so C can send it in the first round of the protocol that uses it.
/// </summary>
internal static class PairReshare
{
    /// <summary>XOR version: <paramref name="y"/> is B's or C's part (ignored at A), <paramref name="bits"/> wide, sent bit-packed.</summary>
    public static (ulong[] First, ulong[] Second) Xor(Party party, Roles roles, ulong[]? y, int n, int bits)
    {
        var comm = party.Comm;
        var mask = BitTricks.LowMask(bits);
        var packed = new byte[BitPacking.PackedBytes(n, bits)];
        if (party.Id == roles.A)
        {
            var fromB = new ulong[n];
            var fromC = new ulong[n];
            comm.ReceiveBytes(roles.C, packed);
            BitPacking.Unpack(packed, bits, fromC);
            comm.ReceiveBytes(roles.B, packed);
            BitPacking.Unpack(packed, bits, fromB);
            return (fromC, fromB);
        }

        ArgumentNullException.ThrowIfNull(y);
        var w1 = new ulong[n];
        var w2 = new ulong[n];
        var stream = party.Id == roles.B ? party.Random.WithNext : party.Random.WithPrevious;
        stream.Fill<ulong>(w1);
        stream.Fill<ulong>(w2);
        var own = party.Id == roles.B ? w1 : w2;
        var sent = new ulong[n];
        var shared = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            sent[i] = (y[i] ^ own[i]) & mask;
            shared[i] = (w1[i] ^ w2[i]) & mask;
        }

        BitPacking.Pack(sent, bits, packed);
        comm.SendBytes(roles.A, packed, ahead: false);
        return party.Id == roles.B ? (sent, shared) : (shared, sent);
    }

    /// <summary>Additive version over the ring type T.</summary>
    public static (T[] First, T[] Second) Add<T>(Party party, Roles roles, T[]? y, int n)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var comm = party.Comm;
        if (party.Id == roles.A)
        {
            var fromB = new T[n];
            var fromC = new T[n];
            comm.Receive<T>(roles.C, fromC);
            comm.Receive<T>(roles.B, fromB);
            return (fromC, fromB);
        }

        ArgumentNullException.ThrowIfNull(y);
        var w1 = new T[n];
        var w2 = new T[n];
        var stream = party.Id == roles.B ? party.Random.WithNext : party.Random.WithPrevious;
        stream.Fill<T>(w1);
        stream.Fill<T>(w2);
        var own = party.Id == roles.B ? w1 : w2;
        var sent = new T[n];
        var shared = new T[n];
        for (var i = 0; i < n; i++)
        {
            sent[i] = y[i] - own[i];
            shared[i] = w1[i] + w2[i];
        }

        comm.Send<T>(roles.A, sent);
        return party.Id == roles.B ? (sent, shared) : (shared, sent);
    }
}
