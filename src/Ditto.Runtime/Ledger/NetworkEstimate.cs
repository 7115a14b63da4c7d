namespace Ditto.Runtime.Ledger;

/// <summary>A network between the parties: bandwidth of each party's link and the round-trip time.</summary>
/// <param name="Name">Short name ("lan", "wan").</param>
/// <param name="BitsPerSecond">Bandwidth available to one party's outgoing traffic.</param>
/// <param name="RoundTrip">Round-trip time between two parties.</param>
public sealed record NetworkProfile(string Name, double BitsPerSecond, TimeSpan RoundTrip)
{
    /// <summary>The LAN setting of Ditto's evaluation: 5 Gbps, 0.4 ms round trip.</summary>
    public static NetworkProfile Lan { get; } = new("lan", 5e9, TimeSpan.FromMilliseconds(0.4));

    /// <summary>The WAN setting: 400 Mbps, 40 ms round trip.</summary>
    public static NetworkProfile Wan { get; } = new("wan", 400e6, TimeSpan.FromMilliseconds(40));
}

/// <summary>
/// An analytic estimate of a run's wall time on a given network from its measured costs:
/// compute seconds + (bytes sent by the busiest party) / bandwidth + online rounds × round-trip time.
/// Compute seconds are the measured seconds of the run (in process they include the parties' waits on one another).
/// A round is one message hop on the critical path and is charged a full round trip, as is conventional; that
/// over-states latency by up to 2× where a hop really costs half a round trip. Ahead rounds (input-independent
/// messages) overlap with the online ones and are not charged. Bandwidth is not shared between a party's two links.
/// </summary>
public static class NetworkEstimate
{
    /// <summary>Estimated seconds for the costs in <paramref name="row"/> on <paramref name="profile"/>.</summary>
    public static double Seconds(CostRow row, NetworkProfile profile)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(profile);
        var busiest = row.BytesPerParty.Length == 0 ? 0 : row.BytesPerParty.Max();
        return row.Seconds + (busiest * 8.0 / profile.BitsPerSecond) + (row.Rounds * profile.RoundTrip.TotalSeconds);
    }

    /// <summary>Estimated seconds for a whole run (its total row).</summary>
    public static double Seconds(CostReport report, NetworkProfile profile)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Seconds(report.Total, profile);
    }
}
