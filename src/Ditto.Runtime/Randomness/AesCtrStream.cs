using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace Ditto.Runtime.Randomness;

/// <summary>
/// A pseudo-random stream: AES-128 in counter mode under a 128-bit seed, with its own block counter.
/// Two parties holding the same seed and drawing the same amounts in the same order see the same bytes.
/// AES runs on the CPU's AES instructions where present (<see cref="AesNiCounterMode"/>), otherwise through the platform's
/// implementation in ECB over the same counter blocks.
/// </summary>
public sealed class AesCtrStream : IDisposable
{
    private const int BlockBytes = 16;
    private const int ChunkBlocks = 4096;
    private readonly Aes _aes;
    private readonly AesNiCounterMode? _native;
    private readonly byte[] _chunk = new byte[ChunkBlocks * BlockBytes];
    private ulong _counter;

    /// <summary>Creates a stream keyed by a 16-byte seed.</summary>
    public AesCtrStream(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 16)
        {
            throw new ArgumentException($"An AES-128 seed has 16 bytes, not {seed.Length}.", nameof(seed));
        }

        _aes = Aes.Create();
        _aes.Key = seed.ToArray();
        _native = AesNiCounterMode.IsSupported ? new AesNiCounterMode(seed) : null;
    }

    /// <summary>How many 16-byte blocks this stream has produced.</summary>
    public ulong BlocksUsed => _counter;

    /// <summary>Fills the span with pseudo-random values. Whole blocks are consumed, so both holders of the seed must request the same sizes.</summary>
    public void Fill<T>(Span<T> destination) where T : unmanaged => FillBytes(MemoryMarshal.AsBytes(destination));

    /// <summary>Draws one value.</summary>
    public T Next<T>() where T : unmanaged
    {
        Span<T> one = stackalloc T[1];
        Fill(one);
        return one[0];
    }

    /// <summary>Fills raw bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FillBytes(Span<byte> destination)
    {
        var whole = destination.Length / BlockBytes * BlockBytes;
        var offset = 0;
        if (_native is not null && whole > 0)
        {
            _native.Generate(_counter, destination[..whole]);
            _counter += (ulong)(whole / BlockBytes);
            offset = whole;
        }

        while (offset < whole)
        {
            var bytes = Math.Min(whole - offset, _chunk.Length);
            var target = destination.Slice(offset, bytes);
            WriteCounters(target);
            _aes.EncryptEcb(target, target, PaddingMode.None);
            offset += bytes;
        }

        var tail = destination.Length - whole;
        if (tail > 0)
        {
            var block = _chunk.AsSpan(0, BlockBytes);
            WriteCounters(block);
            _aes.EncryptEcb(block, block, PaddingMode.None);
            block[..tail].CopyTo(destination[whole..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteCounters(Span<byte> target)
    {
        // Each 16-byte block is (counter, 0) as two little-endian words; four blocks per 512-bit store where possible.
        var words = MemoryMarshal.Cast<byte, ulong>(target);
        var i = 0;
        if (BitConverter.IsLittleEndian && Vector512.IsHardwareAccelerated && words.Length >= 8)
        {
            var counters = Vector512.Create(_counter, 0, _counter + 1, 0, _counter + 2, 0, _counter + 3, 0);
            var step = Vector512.Create(4UL, 0, 4, 0, 4, 0, 4, 0);
            ref var start = ref MemoryMarshal.GetReference(words);
            for (; i + 8 <= words.Length; i += 8)
            {
                counters.StoreUnsafe(ref start, (nuint)i);
                counters += step;
            }

            _counter += (ulong)(i / 2);
        }

        for (; i < words.Length; i += 2)
        {
            words[i] = BitConverter.IsLittleEndian ? _counter : BinaryPrimitives.ReverseEndianness(_counter);
            words[i + 1] = 0;
            _counter++;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _aes.Dispose();
}
