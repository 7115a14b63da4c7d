using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ditto.Cli.Bench;

/// <summary>The machine a benchmark ran on, so figures are never quoted without it.</summary>
/// <param name="Cpu">The processor's model name (from /proc/cpuinfo on Linux).</param>
/// <param name="Cores">Logical processors available to the process.</param>
/// <param name="MemoryGiB">Memory available to the process.</param>
/// <param name="Vector">The widest hardware-accelerated vector the kernels use.</param>
/// <param name="Os">Operating system.</param>
/// <param name="Runtime">.NET runtime.</param>
/// <param name="Parties">How the three parties ran.</param>
internal sealed record BenchMachine(string Cpu, int Cores, double MemoryGiB, string Vector, string Os, string Runtime, string Parties)
{
    public static BenchMachine Describe(string parties) => new(
        CpuName(),
        Environment.ProcessorCount,
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30), 1),
        Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256" : "scalar",
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        parties);

    private static string CpuName()
    {
        try
        {
            var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
