using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Ditto.Runtime.Randomness;

/// <summary>
/// One party's correlated randomness (pseudo-random secret sharing, as in ABY3 and SPU's PrgState).
/// Party i holds seed s_i, which it sent to party i−1, and s_{i+1}, received from party i+1. So
/// <see cref="WithPrevious"/> (keyed by s_i) is the same stream as party i−1's <see cref="WithNext"/>. Each stream has its
/// own counter, so a pair of parties can draw from their common stream without the third party taking part.
/// Zero sharing and shared random values cost no messages.
/// </summary>
public sealed class CorrelatedRandomness : IDisposable
{
    internal CorrelatedRandomness(AesCtrStream withPrevious, AesCtrStream withNext, AesCtrStream own, AesCtrStream shared)
    {
        WithPrevious = withPrevious;
        WithNext = withNext;
        Own = own;
        Public = shared;
    }

    /// <summary>The stream this party shares with party i−1.</summary>
    public AesCtrStream WithPrevious { get; }

    /// <summary>The stream this party shares with party i+1.</summary>
    public AesCtrStream WithNext { get; }

    /// <summary>This party's private stream (a dealer's own masks).</summary>
    public AesCtrStream Own { get; }

    /// <summary>The stream all three parties share (public coins, e.g. the role pivot).</summary>
    public AesCtrStream Public { get; }

    /// <summary>Draws this party's part α_i of a zero sharing: α_0 + α_1 + α_2 = 0 (mod 2^k). No messages.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ZeroShare<T>(Span<T> destination) where T : unmanaged, IBinaryInteger<T> =>
        PairDifference<T>(destination, static (a, b, d) => System.Numerics.Tensors.TensorPrimitives.Subtract<T>(a, b, d));

    /// <summary>Draws this party's part of a boolean zero sharing: α_0 ⊕ α_1 ⊕ α_2 = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ZeroShareXor<T>(Span<T> destination) where T : unmanaged, IBinaryInteger<T> =>
        PairDifference<T>(destination, static (a, b, d) => System.Numerics.Tensors.TensorPrimitives.Xor<T>(a, b, d));

    /// <summary>The two pair streams combined (PRG(s_i) − PRG(s_{i+1}), or ⊕): over the three parties the terms cancel.</summary>
    private void PairDifference<T>(Span<T> destination, SpanCombiner<T> combine) where T : unmanaged, IBinaryInteger<T>
    {
        var other = ArrayPool<T>.Shared.Rent(destination.Length);
        try
        {
            WithPrevious.Fill(destination);
            WithNext.Fill(other.AsSpan(0, destination.Length));
            combine(destination, other.AsSpan(0, destination.Length), destination);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(other);
        }
    }

    private delegate void SpanCombiner<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);

    /// <summary>Draws this party's pair of a replicated sharing of a random value r = r_0 + r_1 + r_2 that no party knows.</summary>
    public void RandomShares<T>(Span<T> first, Span<T> second) where T : unmanaged
    {
        WithPrevious.Fill(first);
        WithNext.Fill(second);
    }

    /// <summary>A fresh random 128-bit seed from the operating system.</summary>
    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(16);

    /// <summary>Derives a 128-bit seed from a master seed and a label (for reproducible test sessions only).</summary>
    public static byte[] DeriveSeed(ulong masterSeed, string label)
    {
        Span<byte> input = stackalloc byte[8];
        BitConverter.TryWriteBytes(input, masterSeed);
        var digest = SHA256.HashData([.. input, .. System.Text.Encoding.UTF8.GetBytes(label)]);
        return digest[..16];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        WithPrevious.Dispose();
        WithNext.Dispose();
        Own.Dispose();
        Public.Dispose();
    }
}
