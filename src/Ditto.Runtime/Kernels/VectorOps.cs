using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ditto.Runtime.Kernels;

/// <summary>
/// The few vector operations the matmul micro-kernel needs, as static abstract members so that one kernel body
/// is specialised by the JIT for 512-bit, 256-bit and scalar registers.
/// </summary>
internal interface IVectorOps<TVector, T>
    where T : unmanaged, INumberBase<T>
{
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Load(ref T source, nuint offset);

    static abstract void Store(TVector value, ref T destination, nuint offset);

    static abstract TVector Broadcast(T value);

    static abstract TVector MultiplyAdd(TVector accumulator, TVector left, TVector right);

    static abstract TVector Add(TVector left, TVector right);
}

internal readonly struct Vector512Ops<T> : IVectorOps<Vector512<T>, T>
    where T : unmanaged, INumberBase<T>
{
    public static int Count => Vector512<T>.Count;

    public static Vector512<T> Zero => Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> accumulator, Vector512<T> left, Vector512<T> right) => accumulator + (left * right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> left, Vector512<T> right) => left + right;
}

internal readonly struct Vector256Ops<T> : IVectorOps<Vector256<T>, T>
    where T : unmanaged, INumberBase<T>
{
    public static int Count => Vector256<T>.Count;

    public static Vector256<T> Zero => Vector256<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> accumulator, Vector256<T> left, Vector256<T> right) => accumulator + (left * right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> left, Vector256<T> right) => left + right;
}

internal readonly struct ScalarOps<T> : IVectorOps<T, T>
    where T : unmanaged, INumberBase<T>
{
    public static int Count => 1;

    public static T Zero => T.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load(ref T source, nuint offset) => Unsafe.Add(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T value, ref T destination, nuint offset) => Unsafe.Add(ref destination, offset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Broadcast(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd(T accumulator, T left, T right) => accumulator + (left * right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add(T left, T right) => left + right;
}
