using System.Text.Json;

namespace Ditto.Runtime.Ledger;

/// <summary>
/// A party's finished cost ledger as plain data, so that parties in separate processes can send their ledgers to
/// party 0 and the client can print the same merged report an in-process run prints.
/// </summary>
/// <param name="Operations">Costs by (scope, operation).</param>
/// <param name="Primitives">Costs by primitive (scope is empty).</param>
/// <param name="Total">Everything the party sent and waited for (scope and name are empty).</param>
/// <param name="Calls">Every protocol call in order, with the party's round clocks.</param>
public sealed record CostLedgerSnapshot(
    IReadOnlyList<CostLedgerSnapshot.Entry> Operations,
    IReadOnlyList<CostLedgerSnapshot.Entry> Primitives,
    CostLedgerSnapshot.Entry Total,
    IReadOnlyList<ProtocolCall> Calls)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Takes a snapshot of a ledger.</summary>
    public static CostLedgerSnapshot Of(CostLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return new CostLedgerSnapshot(
            [.. ledger.Operations.Select(p => Entry.Of(p.Key.Scope, p.Key.Operation, p.Value))],
            [.. ledger.Primitives.Select(p => Entry.Of(string.Empty, p.Key, p.Value))],
            Entry.Of(string.Empty, string.Empty, ledger.Total),
            [.. ledger.Calls]);
    }

    /// <summary>Reads a snapshot written by <see cref="ToJson"/>.</summary>
    public static CostLedgerSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<CostLedgerSnapshot>(json, Json) ?? throw new JsonException("A cost ledger snapshot cannot be null.");

    /// <summary>The snapshot as compact JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>A ledger with these costs, for <see cref="CostReport.Merge"/>.</summary>
    public CostLedger ToLedger() => new(
        Operations.Select(e => KeyValuePair.Create((e.Scope, e.Name), e.ToEntry())),
        Primitives.Select(e => KeyValuePair.Create(e.Name, e.ToEntry())),
        Total.ToEntry(),
        Calls);

    /// <summary>One row of costs.</summary>
    /// <param name="Scope">The scope (operations only).</param>
    /// <param name="Name">The operation or primitive.</param>
    /// <param name="Calls">Number of calls.</param>
    /// <param name="BytesSent">Payload bytes sent.</param>
    /// <param name="Rounds">Online rounds.</param>
    /// <param name="AheadRounds">Ahead rounds.</param>
    /// <param name="Seconds">Wall time.</param>
    public sealed record Entry(string Scope, string Name, long Calls, long BytesSent, long Rounds, long AheadRounds, double Seconds)
    {
        internal static Entry Of(string scope, string name, CostEntry e) => new(scope, name, e.Calls, e.BytesSent, e.Rounds, e.AheadRounds, e.Seconds);

        internal CostEntry ToEntry() => new() { Calls = Calls, BytesSent = BytesSent, Rounds = Rounds, AheadRounds = AheadRounds, Seconds = Seconds };
    }
}
