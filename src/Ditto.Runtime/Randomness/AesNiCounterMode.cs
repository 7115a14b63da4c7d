using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ditto.Runtime.Randomness;

/// <summary>
/// AES-128 in counter mode on the CPU's AES instructions, eight blocks in flight to hide the instruction latency.
/// Block i is AES_k(i ‖ 0) with the 64-bit counter little-endian in the first half: the same stream as ECB over those
/// blocks with the platform's AES (the fallback where AES-NI is missing).
/// </summary>
internal sealed class AesNiCounterMode
{
    private readonly Vector128<byte>[] _roundKeys = new Vector128<byte>[11];

    public AesNiCounterMode(ReadOnlySpan<byte> key)
    {
        var k = Vector128.Create(key);
        _roundKeys[0] = k;
        k = Expand(k, Aes.KeygenAssist(k, 0x01)); _roundKeys[1] = k;
        k = Expand(k, Aes.KeygenAssist(k, 0x02)); _roundKeys[2] = k;
        k = Expand(k, Aes.KeygenAssist(k, 0x04)); _roundKeys[3] = k;
        k = Expand(k, Aes.KeygenAssist(k, 0x08)); _roundKeys[4] = k;
        k = Expand(k, Aes.KeygenAssist(k, 0x10)); _roundKeys[5] = k;
        k = Expand(k, Aes.KeygenAssist(k, 0x20)); _roundKeys[6] = k;
        k = Expand(k, Aes.KeygenAssist(k, 0x40)); _roundKeys[7] = k;
        k = Expand(k, Aes.KeygenAssist(k, 0x80)); _roundKeys[8] = k;
        k = Expand(k, Aes.KeygenAssist(k, 0x1B)); _roundKeys[9] = k;
        k = Expand(k, Aes.KeygenAssist(k, 0x36)); _roundKeys[10] = k;
    }

    public static bool IsSupported => Aes.IsSupported && Sse2.IsSupported && BitConverter.IsLittleEndian;

    /// <summary>Writes blocks counter, counter+1, … into destination (a whole number of 16-byte blocks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Generate(ulong counter, Span<byte> destination)
    {
        var blocks = MemoryMarshal.Cast<byte, Vector128<byte>>(destination);
        var keys = _roundKeys;
        var (k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10) = (keys[0], keys[1], keys[2], keys[3], keys[4], keys[5], keys[6], keys[7], keys[8], keys[9], keys[10]);
        var i = 0;
        for (; i + 8 <= blocks.Length; i += 8)
        {
            var c = counter + (ulong)i;
            var b0 = Vector128.Create(c, 0UL).AsByte() ^ k0;
            var b1 = Vector128.Create(c + 1, 0UL).AsByte() ^ k0;
            var b2 = Vector128.Create(c + 2, 0UL).AsByte() ^ k0;
            var b3 = Vector128.Create(c + 3, 0UL).AsByte() ^ k0;
            var b4 = Vector128.Create(c + 4, 0UL).AsByte() ^ k0;
            var b5 = Vector128.Create(c + 5, 0UL).AsByte() ^ k0;
            var b6 = Vector128.Create(c + 6, 0UL).AsByte() ^ k0;
            var b7 = Vector128.Create(c + 7, 0UL).AsByte() ^ k0;
            Round(ref b0, ref b1, ref b2, ref b3, ref b4, ref b5, ref b6, ref b7, k1);
            Round(ref b0, ref b1, ref b2, ref b3, ref b4, ref b5, ref b6, ref b7, k2);
            Round(ref b0, ref b1, ref b2, ref b3, ref b4, ref b5, ref b6, ref b7, k3);
            Round(ref b0, ref b1, ref b2, ref b3, ref b4, ref b5, ref b6, ref b7, k4);
            Round(ref b0, ref b1, ref b2, ref b3, ref b4, ref b5, ref b6, ref b7, k5);
            Round(ref b0, ref b1, ref b2, ref b3, ref b4, ref b5, ref b6, ref b7, k6);
            Round(ref b0, ref b1, ref b2, ref b3, ref b4, ref b5, ref b6, ref b7, k7);
            Round(ref b0, ref b1, ref b2, ref b3, ref b4, ref b5, ref b6, ref b7, k8);
            Round(ref b0, ref b1, ref b2, ref b3, ref b4, ref b5, ref b6, ref b7, k9);
            blocks[i] = Aes.EncryptLast(b0, k10);
            blocks[i + 1] = Aes.EncryptLast(b1, k10);
            blocks[i + 2] = Aes.EncryptLast(b2, k10);
            blocks[i + 3] = Aes.EncryptLast(b3, k10);
            blocks[i + 4] = Aes.EncryptLast(b4, k10);
            blocks[i + 5] = Aes.EncryptLast(b5, k10);
            blocks[i + 6] = Aes.EncryptLast(b6, k10);
            blocks[i + 7] = Aes.EncryptLast(b7, k10);
        }

        for (; i < blocks.Length; i++)
        {
            var b = Vector128.Create(counter + (ulong)i, 0UL).AsByte() ^ k0;
            b = Aes.Encrypt(b, k1);
            b = Aes.Encrypt(b, k2);
            b = Aes.Encrypt(b, k3);
            b = Aes.Encrypt(b, k4);
            b = Aes.Encrypt(b, k5);
            b = Aes.Encrypt(b, k6);
            b = Aes.Encrypt(b, k7);
            b = Aes.Encrypt(b, k8);
            b = Aes.Encrypt(b, k9);
            blocks[i] = Aes.EncryptLast(b, k10);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref Vector128<byte> b0, ref Vector128<byte> b1, ref Vector128<byte> b2, ref Vector128<byte> b3, ref Vector128<byte> b4, ref Vector128<byte> b5, ref Vector128<byte> b6, ref Vector128<byte> b7, Vector128<byte> key)
    {
        b0 = Aes.Encrypt(b0, key);
        b1 = Aes.Encrypt(b1, key);
        b2 = Aes.Encrypt(b2, key);
        b3 = Aes.Encrypt(b3, key);
        b4 = Aes.Encrypt(b4, key);
        b5 = Aes.Encrypt(b5, key);
        b6 = Aes.Encrypt(b6, key);
        b7 = Aes.Encrypt(b7, key);
    }

    // The AES-128 key schedule step: w[i] = w[i−1] ⊕ w[i−4] cascaded over the four words, xor the assist word.
    private static Vector128<byte> Expand(Vector128<byte> key, Vector128<byte> assist)
    {
        var t = Sse2.Shuffle(assist.AsUInt32(), 0xFF).AsByte();
        key = Sse2.Xor(key, Sse2.ShiftLeftLogical128BitLane(key, 4));
        key = Sse2.Xor(key, Sse2.ShiftLeftLogical128BitLane(key, 4));
        key = Sse2.Xor(key, Sse2.ShiftLeftLogical128BitLane(key, 4));
        return Sse2.Xor(key, t);
    }
}
