namespace Ditto.Runtime.Kernels;

/// <summary>Splits element-wise work into chunks across cores when it is large enough to pay for the hand-off.</summary>
internal static class Parallelism
{
    /// <summary>Below this many elements a kernel runs on the calling thread.</summary>
    public const int MinParallelElements = 1 << 17;

    /// <summary>Runs body(start, length) over [0, length) in chunks.</summary>
    public static void ForChunks(int length, Action<int, int> body)
    {
        if (length < MinParallelElements || Environment.ProcessorCount == 1)
        {
            body(0, length);
            return;
        }

        var chunks = Math.Min(Environment.ProcessorCount * 2, length / (MinParallelElements / 2));
        var chunkSize = ((length + chunks - 1) / chunks + 15) & ~15;
        Parallel.For(0, (length + chunkSize - 1) / chunkSize, c =>
        {
            var start = c * chunkSize;
            body(start, Math.Min(chunkSize, length - start));
        });
    }
}
