using Ditto.Cli.Running;

namespace Ditto.Cli.Bench;

/// <summary>One model, input length and preset of a `ditto bench` invocation, as measured.</summary>
/// <param name="Model">The catalog name.</param>
/// <param name="Seq">Input tokens.</param>
/// <param name="Generate">Tokens generated (decoders; 0 for encoders).</param>
/// <param name="Preset">The preset.</param>
/// <param name="Plan">The precision plan the preset ran with.</param>
/// <param name="Seconds">Wall time of the inference (the one-off weight sharing excluded).</param>
/// <param name="SetupSeconds">Wall time of sharing the weights, once per session.</param>
/// <param name="BytesPerParty">Bytes each party sent during the inference.</param>
/// <param name="Rounds">Online rounds on the critical path.</param>
/// <param name="Breakdown">Costs by layer type.</param>
/// <param name="EstimatedLanSeconds">Analytic estimate on the paper's LAN (5 Gbps, 0.4 ms round trip).</param>
/// <param name="EstimatedWanSeconds">Analytic estimate on the paper's WAN (400 Mbps, 40 ms round trip).</param>
/// <param name="Substitutions">What the preset computes in place of the ops whose algorithm it chooses.</param>
internal sealed record BenchRun(
    string Model,
    int Seq,
    int Generate,
    string Preset,
    string Plan,
    double Seconds,
    double SetupSeconds,
    long[] BytesPerParty,
    long Rounds,
    IReadOnlyList<BreakdownRow> Breakdown,
    double EstimatedLanSeconds,
    double EstimatedWanSeconds,
    IReadOnlyList<Ditto.Runtime.Functions.Substitution> Substitutions)
{
    /// <summary>With --check-ranges: the range checker's summary of the same query (see RangeReport.Json), else null.</summary>
    public object? Ranges { get; init; }

    /// <summary>With --check-ranges: the checker's rows, for the tables.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Ditto.Runtime.Engines.Clear.RangeRow>? RangeRows { get; init; }

    /// <summary>Bytes sent by all parties together.</summary>
    public long BytesTotal => BytesPerParty.Sum();
}

/// <summary>A preset against the baseline preset on the same model and length, from the same invocation.</summary>
/// <param name="Model">The model.</param>
/// <param name="Seq">Input tokens.</param>
/// <param name="Preset">The preset compared.</param>
/// <param name="Baseline">The preset it is compared with.</param>
/// <param name="Speedup">Baseline seconds over this preset's seconds.</param>
/// <param name="CommunicationReduction">Baseline bytes over this preset's bytes.</param>
/// <param name="RoundsRatio">Baseline rounds over this preset's rounds.</param>
internal sealed record BenchRatio(string Model, int Seq, string Preset, string Baseline, double Speedup, double CommunicationReduction, double RoundsRatio);
