using System.Text.Json;
using Ditto.Runtime.Ledger;

namespace Ditto.Cli.Jobs;

/// <summary>What `ditto party --id 0` prints on stdout: the job's result and the merged costs of all three parties.</summary>
/// <param name="Job">The job name.</param>
/// <param name="Party">Always 0: only the client receives the result.</param>
/// <param name="Session">The session name.</param>
/// <param name="Result">The job's result.</param>
/// <param name="Total">Total costs (bytes per party, rounds, seconds of the slowest party).</param>
/// <param name="EstimatedLanSeconds">Analytic estimate of the run on the LAN profile (see NetworkEstimate).</param>
/// <param name="EstimatedWanSeconds">The same on the WAN profile.</param>
/// <param name="Ledgers">The three parties' cost ledgers, to rebuild the full cost report.</param>
internal sealed record PartyOutput(
    string Job,
    int Party,
    string Session,
    JsonElement Result,
    CostRow Total,
    double EstimatedLanSeconds,
    double EstimatedWanSeconds,
    IReadOnlyList<CostLedgerSnapshot> Ledgers)
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The merged cost report.</summary>
    public CostReport Report() => CostReport.Merge([.. Ledgers.Select(l => l.ToLedger())]);
}
