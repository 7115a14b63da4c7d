using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ditto.Runtime.Kernels;

/// <summary>
/// Layout kernels over plain arrays, shared by every engine: a clear tensor's values and each of a party's two share
/// arrays move the same way (gather maps and concatenation maps come from <see cref="Tensors.TensorLayout"/>).
/// </summary>
public static class ArrayKernels
{
    /// <summary>r[i] = source[map[i]]: a reshape, transpose, slice or broadcast as one gather.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T[] Gather<T>(T[] source, int[] map)
    {
        var r = new T[map.Length];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = source[map[i]];
        }

        return r;
    }

    /// <summary>r[i] = parts[part[i]][map[i]]: a concatenation as one gather over several sources.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T[] Concat<T>(IReadOnlyList<T[]> parts, int[] part, int[] map)
    {
        var r = new T[map.Length];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = parts[part[i]][map[i]];
        }

        return r;
    }

    /// <summary>The sum of each row of <paramref name="width"/> values, modulo the ring (wrap-around is the ring's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T[] SumRows<T>(T[] values, int width)
        where T : unmanaged, IBinaryInteger<T>
    {
        var rows = values.Length / width;
        var r = new T[rows];
        for (var row = 0; row < rows; row++)
        {
            var sum = T.Zero;
            for (var i = 0; i < width; i++)
            {
                sum += values[(row * width) + i];
            }

            r[row] = sum;
        }

        return r;
    }
}
