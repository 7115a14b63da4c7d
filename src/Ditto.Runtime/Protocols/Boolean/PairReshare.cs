using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Ditto.Runtime.Parties;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (ulong[] First, ulong[] Second) Xor(Party party, Roles roles, ReadOnlySpan<ulong> y, int n, int bits)
    {
        var comm = party.Comm;
        var bytes = BitPacking.PackedBytes(n, bits);
        var first = GC.AllocateUninitializedArray<ulong>(n);
        var second = GC.AllocateUninitializedArray<ulong>(n);
        var buffer = ArrayPool<byte>.Shared.Rent(3 * bytes);
        try
        {
            var sent = buffer.AsSpan(0, bytes);
            if (party.Id == roles.A)
            {
                comm.ReceiveBytes(roles.C, sent);
                BitPacking.Unpack(sent, bits, first);
                comm.ReceiveBytes(roles.B, sent);
                BitPacking.Unpack(sent, bits, second);
                return (first, second);
            }

            var w1 = buffer.AsSpan(bytes, bytes);
            var w2 = buffer.AsSpan(2 * bytes, bytes);
            var stream = party.Id == roles.B ? party.Random.WithNext : party.Random.WithPrevious;
            stream.FillBytes(w1);
            stream.FillBytes(w2);
            var writer = new BitWriter(sent);
            for (var i = 0; i < n; i++)
            {
                writer.Write(y[i], bits);
            }

            writer.Flush();
            BooleanAnd.XorInto(sent, party.Id == roles.B ? w1 : w2);
            comm.SendBytes(roles.A, sent, ahead: false);
            BooleanAnd.XorInto(w1, w2);
            var isB = party.Id == roles.B;
            BitPacking.Unpack(sent, bits, isB ? first : second);
            BitPacking.Unpack(w1, bits, isB ? second : first);
            return (first, second);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Bit-sliced version: <paramref name="planes"/> are B's or C's part (ignored at A), n elements each, sent as ⌈n/8⌉ bytes per plane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (ulong[][] First, ulong[][] Second) XorPlanes(Party party, Roles roles, ulong[][]? planes, int count, int n)
    {
        var comm = party.Comm;
        var bytes = count * BitPlanes.Bytes(n);
        var sent = new byte[bytes];
        if (party.Id == roles.A)
        {
            comm.ReceiveBytes(roles.C, sent);
            var fromC = BitPlanes.Unpack(sent, count, n);
            comm.ReceiveBytes(roles.B, sent);
            return (fromC, BitPlanes.Unpack(sent, count, n));
        }

        ArgumentNullException.ThrowIfNull(planes);
        var w1 = new byte[bytes];
        var w2 = new byte[bytes];
        var stream = party.Id == roles.B ? party.Random.WithNext : party.Random.WithPrevious;
        stream.FillBytes(w1);
        stream.FillBytes(w2);
        BitPlanes.Pack(planes, n, sent);
        var isB = party.Id == roles.B;
        BooleanAnd.XorInto(sent, isB ? w1 : w2);
        comm.SendBytes(roles.A, sent, ahead: false);
        BooleanAnd.XorInto(w1, w2);
        var own = BitPlanes.Unpack(sent, count, n);
        var shared = BitPlanes.Unpack(w1, count, n);
        return isB ? (own, shared) : (shared, own);
    }

    /// <summary>Additive version over the ring type T.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (T[] First, T[] Second) Add<T>(Party party, Roles roles, T[]? y, int n)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var comm = party.Comm;
        if (party.Id == roles.A)
        {
            var fromB = GC.AllocateUninitializedArray<T>(n);
            var fromC = GC.AllocateUninitializedArray<T>(n);
            comm.Receive<T>(roles.C, fromC);
            comm.Receive<T>(roles.B, fromB);
            return (fromC, fromB);
        }

        ArgumentNullException.ThrowIfNull(y);
        var w1 = GC.AllocateUninitializedArray<T>(n);
        var w2 = ArrayPool<T>.Shared.Rent(n);
        try
        {
            var stream = party.Id == roles.B ? party.Random.WithNext : party.Random.WithPrevious;
            stream.Fill<T>(w1);
            stream.Fill<T>(w2.AsSpan(0, n));
            var isB = party.Id == roles.B;
            for (var i = 0; i < n; i++)
            {
                // B: y − w1 goes out and w1 + w2 is the shared component; C: y − w2 out.
                var (own, other) = isB ? (w1[i], w2[i]) : (w2[i], w1[i]);
                y[i] -= own;
                w1[i] = own + other;
            }

            comm.Send<T>(roles.A, y);
            return isB ? (y, w1) : (w1, y);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(w2);
        }
    }
}
