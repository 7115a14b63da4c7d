using System.Globalization;
using Ditto.Models.Hosting;
using Ditto.Models.Synthetic;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Engines.Cost;

namespace Ditto.Cli.Bench;

/// <summary>
/// Refuses a run that cannot fit in this machine's memory before anything is allocated, instead of being killed by the
/// kernel halfway. The check runs on the model's shapes. The three parties on one machine (threads or loopback
/// processes) hold six copies of every weight in its ring (two shares per party), the owner the float weights too, and
/// the protocols' working arrays need headroom.
/// </summary>
internal static class BenchMemory
{
    /// <summary>Peak memory over the weights' shares and floats, measured on BERT-base and BERT-large: 1.3×.</summary>
    private const double Headroom = 1.3;

    public static void Ensure(BenchSpec spec, BenchmarkModel model)
    {
        var needed = Needed(spec, model);
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (needed > available)
        {
            throw new InvalidOperationException(string.Format(
                CultureInfo.InvariantCulture,
                "{0} under {1} needs about {2:0.0} GB of memory with the three parties on this machine (six copies of the weights' shares: two per party) and {3:0.0} GB is available; run it with fewer presets at a time, a preset with 32-bit linear layers (ditto, ditto-quant), or with the parties on separate machines (`ditto party --job bench`).",
                spec.Model, spec.Preset, needed / 1e9, available / 1e9));
        }
    }

    /// <summary>Bytes the run needs: the weights' shares priced by the estimating backend on one token, and the float weights.</summary>
    public static long Needed(BenchSpec spec, BenchmarkModel model)
    {
        var preset = spec.Settings;
        var estimate = BackendFactory.Estimate(preset.Plan, preset.Approximations, new CostRecorder());
        BenchRunner.Program(estimate, model, [0], 1, 1);

        // A party of the replicated engine holds two shares of each weight in the ring of its format: six copies in process.
        var shareBytes = estimate.SharedWeights.Sum(w => (long)w.Weight.Shape.Elements * (w.Format.RingBits / 8));
        var floatElements = estimate.SharedWeights.Select(w => w.Weight).Distinct().Sum(w => (long)w.Shape.Elements);
        return (long)(Headroom * ((6 * shareBytes) + (floatElements * sizeof(float))));
    }
}
