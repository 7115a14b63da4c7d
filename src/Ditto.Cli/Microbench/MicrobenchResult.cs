namespace Ditto.Cli.Microbench;

/// <summary>The JSON object `ditto microbench --json` prints.</summary>
internal sealed record MicrobenchResult(
    string Op,
    int Ring,
    string Shape,
    long Elements,
    double Seconds,
    long[] BytesPerParty,
    long BytesTotal,
    double BytesPerElement,
    long Rounds,
    long AheadRounds,
    double MaxAbsError,
    double MeanAbsError,
    int Repetitions,
    double EstimatedLanSeconds,
    double EstimatedWanSeconds,
    string Notes);
