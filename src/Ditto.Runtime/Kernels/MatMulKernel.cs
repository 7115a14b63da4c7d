using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Kernels;

/// <summary>Which registers the matmul micro-kernel uses.</summary>
internal enum KernelPath
{
    Auto,
    Vector512,
    Vector256,
    Scalar,
}

/// <summary>
/// Matrix multiplication over rings (wrapping modulo 2^32 or 2^64) and floats: packed panels of A and B (GotoBLAS layout), a 6×(2 vector)
/// register-blocked micro-kernel in Vector512 or Vector256 registers (scalar where the CPU has neither), blocks of
/// K sized for the L2 cache, and output tiles spread over every core.
/// </summary>
public static class MatMulKernel
{
    private const int MR = 6;
    private const int KC = 256;
    private const int MaxMC = 120;

    /// <summary>Computes C = op(A)·op(B), or C += op(A)·op(B) when accumulate is set.</summary>
    public static void Multiply<T>(T[] a, T[] b, T[] c, MatMulDims dims, bool accumulate = false)
        where T : unmanaged, INumberBase<T>
        => Multiply(a, b, c, dims, accumulate, KernelPath.Auto);

    /// <summary>The same on a chosen register width (tests exercise every path on any CPU that runs it).</summary>
    internal static void Multiply<T>(T[] a, T[] b, T[] c, MatMulDims dims, bool accumulate, KernelPath path)
        where T : unmanaged, INumberBase<T>
    {
        Validate(a.Length, b.Length, c.Length, dims);
        if (path == KernelPath.Auto)
        {
            path = Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported ? KernelPath.Vector512
                : Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported ? KernelPath.Vector256
                : KernelPath.Scalar;
        }

        switch (path)
        {
            case KernelPath.Vector512:
                Run<Vector512<T>, T, Vector512Ops<T>>(a, b, c, dims, accumulate);
                break;
            case KernelPath.Vector256:
                Run<Vector256<T>, T, Vector256Ops<T>>(a, b, c, dims, accumulate);
                break;
            default:
                Run<T, T, ScalarOps<T>>(a, b, c, dims, accumulate);
                break;
        }
    }

    /// <summary>A plain triple loop, for tests of the blocked kernel.</summary>
    public static void MultiplyReference<T>(T[] a, T[] b, T[] c, MatMulDims dims, bool accumulate = false)
        where T : unmanaged, INumberBase<T>
    {
        Validate(a.Length, b.Length, c.Length, dims);
        var (m, k, n) = (dims.M, dims.K, dims.N);
        for (var batch = 0; batch < dims.Batch; batch++)
        {
            var aOff = dims.BroadcastA ? 0 : batch * m * k;
            var bOff = dims.BroadcastB ? 0 : batch * k * n;
            var cOff = batch * m * n;
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var sum = accumulate ? c[cOff + (i * n) + j] : T.Zero;
                    for (var p = 0; p < k; p++)
                    {
                        var av = dims.TransposeA ? a[aOff + (p * m) + i] : a[aOff + (i * k) + p];
                        var bv = dims.TransposeB ? b[bOff + (j * k) + p] : b[bOff + (p * n) + j];
                        sum += av * bv;
                    }

                    c[cOff + (i * n) + j] = sum;
                }
            }
        }
    }

    private static void Validate(int aLength, int bLength, int cLength, MatMulDims d)
    {
        if (d.Batch <= 0 || d.M <= 0 || d.K <= 0 || d.N <= 0)
        {
            throw new ArgumentException($"Matrix product sizes must be positive: batch {d.Batch}, {d.M}x{d.K} · {d.K}x{d.N}.");
        }

        long aNeed = (d.BroadcastA ? 1L : d.Batch) * d.M * d.K;
        long bNeed = (d.BroadcastB ? 1L : d.Batch) * d.K * d.N;
        long cNeed = (long)d.Batch * d.M * d.N;
        if (aLength != aNeed || bLength != bNeed || cLength != cNeed)
        {
            throw new ArgumentException(
                $"Matrix product batch {d.Batch} of [{d.M}x{d.K}]·[{d.K}x{d.N}] needs A of {aNeed}, B of {bNeed} and C of {cNeed} elements; got {aLength}, {bLength} and {cLength}.");
        }
    }

    private static void Run<TV, T, TOps>(T[] a, T[] b, T[] c, MatMulDims d, bool accumulate)
        where T : unmanaged, INumberBase<T>
        where TOps : struct, IVectorOps<TV, T>
    {
        var nr = 2 * TOps.Count;
        var rowBlocks = (d.M + MaxMC - 1) / MaxMC;
        var mc = RoundUp((d.M + rowBlocks - 1) / rowBlocks, MR);

        // Column blocks: enough tiles to keep every core busy, each B panel small enough for L2.
        var maxNc = Math.Max(nr, (256 * 1024 / (KC * Unsafe.SizeOf<T>())) / nr * nr);
        var wanted = Math.Max(1, (2 * Environment.ProcessorCount) / Math.Max(1, d.Batch * rowBlocks));
        var colBlocks = Math.Max((d.N + maxNc - 1) / maxNc, Math.Min(wanted, (d.N + nr - 1) / nr));
        var nc = RoundUp((d.N + colBlocks - 1) / colBlocks, nr);
        colBlocks = (d.N + nc - 1) / nc;

        var tiles = d.Batch * rowBlocks * colBlocks;
        var work = (long)d.Batch * d.M * d.N * d.K;
        if (tiles == 1 || work < 1 << 18)
        {
            for (var t = 0; t < tiles; t++)
            {
                Tile<TV, T, TOps>(a, b, c, d, accumulate, t, rowBlocks, colBlocks, mc, nc);
            }

            return;
        }

        Parallel.For(0, tiles, t => Tile<TV, T, TOps>(a, b, c, d, accumulate, t, rowBlocks, colBlocks, mc, nc));
    }

    private static void Tile<TV, T, TOps>(T[] a, T[] b, T[] c, MatMulDims d, bool accumulate, int tile, int rowBlocks, int colBlocks, int mc, int nc)
        where T : unmanaged, INumberBase<T>
        where TOps : struct, IVectorOps<TV, T>
    {
        var nr = 2 * TOps.Count;
        var batch = tile / (rowBlocks * colBlocks);
        var rest = tile % (rowBlocks * colBlocks);
        var i0 = (rest / colBlocks) * mc;
        var j0 = (rest % colBlocks) * nc;
        var rows = Math.Min(mc, d.M - i0);
        var cols = Math.Min(nc, d.N - j0);
        if (rows <= 0 || cols <= 0)
        {
            return;
        }

        var aOff = d.BroadcastA ? 0 : batch * d.M * d.K;
        var bOff = d.BroadcastB ? 0 : batch * d.K * d.N;
        var cOff = batch * d.M * d.N;
        var rowPanels = (rows + MR - 1) / MR;
        var colPanels = (cols + nr - 1) / nr;

        var aPack = ArrayPool<T>.Shared.Rent(rowPanels * MR * KC);
        var bPack = ArrayPool<T>.Shared.Rent(colPanels * nr * KC);
        var scratch = ArrayPool<T>.Shared.Rent(MR * nr);
        try
        {
            for (var k0 = 0; k0 < d.K; k0 += KC)
            {
                var kc = Math.Min(KC, d.K - k0);
                PackA(a, aOff, d, i0, rows, k0, kc, aPack);
                PackB(b, bOff, d, j0, cols, k0, kc, bPack, nr);
                var add = accumulate || k0 > 0;
                for (var jp = 0; jp < colPanels; jp++)
                {
                    ref var bPanel = ref MemoryMarshal.GetArrayDataReference(bPack);
                    bPanel = ref Unsafe.Add(ref bPanel, jp * nr * kc);
                    var j = j0 + (jp * nr);
                    var jn = Math.Min(nr, d.N - j);
                    for (var ip = 0; ip < rowPanels; ip++)
                    {
                        ref var aPanel = ref MemoryMarshal.GetArrayDataReference(aPack);
                        aPanel = ref Unsafe.Add(ref aPanel, ip * MR * kc);
                        var i = i0 + (ip * MR);
                        var im = Math.Min(MR, d.M - i);
                        if (im == MR && jn == nr)
                        {
                            ref var cTile = ref MemoryMarshal.GetArrayDataReference(c);
                            MicroKernel<TV, T, TOps>(ref aPanel, ref bPanel, kc, ref Unsafe.Add(ref cTile, cOff + (i * d.N) + j), d.N, add);
                        }
                        else
                        {
                            // Edge tile: compute a full tile into scratch, then copy the valid part.
                            ref var s = ref MemoryMarshal.GetArrayDataReference(scratch);
                            MicroKernel<TV, T, TOps>(ref aPanel, ref bPanel, kc, ref s, nr, false);
                            for (var r = 0; r < im; r++)
                            {
                                var dst = c.AsSpan(cOff + ((i + r) * d.N) + j, jn);
                                var src = scratch.AsSpan(r * nr, jn);
                                if (add)
                                {
                                    for (var q = 0; q < jn; q++)
                                    {
                                        dst[q] += src[q];
                                    }
                                }
                                else
                                {
                                    src.CopyTo(dst);
                                }
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(aPack);
            ArrayPool<T>.Shared.Return(bPack);
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    // A panel layout: for each micro-panel of MR rows, kc steps of MR consecutive values (rows beyond M are zero).
    private static void PackA<T>(T[] a, int aOff, MatMulDims d, int i0, int rows, int k0, int kc, T[] pack)
        where T : unmanaged, INumberBase<T>
    {
        var panels = (rows + MR - 1) / MR;
        for (var ip = 0; ip < panels; ip++)
        {
            var dst = pack.AsSpan(ip * MR * kc, MR * kc);
            for (var r = 0; r < MR; r++)
            {
                var i = i0 + (ip * MR) + r;
                if (ip * MR + r >= rows)
                {
                    for (var p = 0; p < kc; p++)
                    {
                        dst[(p * MR) + r] = T.Zero;
                    }

                    continue;
                }

                if (d.TransposeA)
                {
                    for (var p = 0; p < kc; p++)
                    {
                        dst[(p * MR) + r] = a[aOff + ((k0 + p) * d.M) + i];
                    }
                }
                else
                {
                    var src = a.AsSpan(aOff + (i * d.K) + k0, kc);
                    for (var p = 0; p < kc; p++)
                    {
                        dst[(p * MR) + r] = src[p];
                    }
                }
            }
        }
    }

    // B panel layout: for each micro-panel of nr columns, kc rows of nr consecutive values (columns beyond N are zero).
    private static void PackB<T>(T[] b, int bOff, MatMulDims d, int j0, int cols, int k0, int kc, T[] pack, int nr)
        where T : unmanaged, INumberBase<T>
    {
        var panels = (cols + nr - 1) / nr;
        for (var jp = 0; jp < panels; jp++)
        {
            var dst = pack.AsSpan(jp * nr * kc, nr * kc);
            var jBase = j0 + (jp * nr);
            var width = Math.Min(nr, j0 + cols - jBase);
            if (!d.TransposeB)
            {
                for (var p = 0; p < kc; p++)
                {
                    var row = dst.Slice(p * nr, nr);
                    b.AsSpan(bOff + ((k0 + p) * d.N) + jBase, width).CopyTo(row);
                    row[width..].Clear();
                }
            }
            else
            {
                if (width < nr)
                {
                    dst.Clear();
                }

                for (var q = 0; q < width; q++)
                {
                    var src = b.AsSpan(bOff + ((jBase + q) * d.K) + k0, kc);
                    for (var p = 0; p < kc; p++)
                    {
                        dst[(p * nr) + q] = src[p];
                    }
                }
            }
        }
    }

    // C[0..6, 0..2W] (row stride ldc) = (add ? C : 0) + Apanel · Bpanel, all in registers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel<TV, T, TOps>(ref T a, ref T b, int kc, ref T c, int ldc, bool add)
        where T : unmanaged, INumberBase<T>
        where TOps : struct, IVectorOps<TV, T>
    {
        var w = (nuint)TOps.Count;
        TV c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero, c20 = TOps.Zero, c21 = TOps.Zero;
        TV c30 = TOps.Zero, c31 = TOps.Zero, c40 = TOps.Zero, c41 = TOps.Zero, c50 = TOps.Zero, c51 = TOps.Zero;
        for (var p = 0; p < kc; p++)
        {
            var b0 = TOps.Load(ref b, 0);
            var b1 = TOps.Load(ref b, w);
            var a0 = TOps.Broadcast(a);
            c00 = TOps.MultiplyAdd(c00, a0, b0);
            c01 = TOps.MultiplyAdd(c01, a0, b1);
            var a1 = TOps.Broadcast(Unsafe.Add(ref a, 1));
            c10 = TOps.MultiplyAdd(c10, a1, b0);
            c11 = TOps.MultiplyAdd(c11, a1, b1);
            var a2 = TOps.Broadcast(Unsafe.Add(ref a, 2));
            c20 = TOps.MultiplyAdd(c20, a2, b0);
            c21 = TOps.MultiplyAdd(c21, a2, b1);
            var a3 = TOps.Broadcast(Unsafe.Add(ref a, 3));
            c30 = TOps.MultiplyAdd(c30, a3, b0);
            c31 = TOps.MultiplyAdd(c31, a3, b1);
            var a4 = TOps.Broadcast(Unsafe.Add(ref a, 4));
            c40 = TOps.MultiplyAdd(c40, a4, b0);
            c41 = TOps.MultiplyAdd(c41, a4, b1);
            var a5 = TOps.Broadcast(Unsafe.Add(ref a, 5));
            c50 = TOps.MultiplyAdd(c50, a5, b0);
            c51 = TOps.MultiplyAdd(c51, a5, b1);
            a = ref Unsafe.Add(ref a, MR);
            b = ref Unsafe.Add(ref b, 2 * (int)w);
        }

        StoreRow<TV, T, TOps>(ref c, w, add, c00, c01);
        StoreRow<TV, T, TOps>(ref Unsafe.Add(ref c, ldc), w, add, c10, c11);
        StoreRow<TV, T, TOps>(ref Unsafe.Add(ref c, 2 * ldc), w, add, c20, c21);
        StoreRow<TV, T, TOps>(ref Unsafe.Add(ref c, 3 * ldc), w, add, c30, c31);
        StoreRow<TV, T, TOps>(ref Unsafe.Add(ref c, 4 * ldc), w, add, c40, c41);
        StoreRow<TV, T, TOps>(ref Unsafe.Add(ref c, 5 * ldc), w, add, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TV, T, TOps>(ref T row, nuint w, bool add, TV v0, TV v1)
        where T : unmanaged, INumberBase<T>
        where TOps : struct, IVectorOps<TV, T>
    {
        if (add)
        {
            v0 = TOps.Add(v0, TOps.Load(ref row, 0));
            v1 = TOps.Add(v1, TOps.Load(ref row, w));
        }

        TOps.Store(v0, ref row, 0);
        TOps.Store(v1, ref row, w);
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
