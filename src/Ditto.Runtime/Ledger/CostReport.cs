using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ditto.Runtime.Ledger;

/// <summary>One row of a cost report: bytes per party, and the rounds and seconds of the slowest party.</summary>
/// <param name="Scope">Caller-given scope ("layer3/attention"), empty at top level.</param>
/// <param name="Name">The operation (outermost protocol) or primitive (innermost protocol).</param>
/// <param name="Calls">Number of calls.</param>
/// <param name="BytesPerParty">Payload bytes sent by party 0, 1 and 2.</param>
/// <param name="Rounds">Online rounds (the most any party went through).</param>
/// <param name="AheadRounds">Rounds of input-independent messages that can be sent ahead.</param>
/// <param name="Seconds">Wall time of the slowest party.</param>
public sealed record CostRow(string Scope, string Name, long Calls, long[] BytesPerParty, long Rounds, long AheadRounds, double Seconds)
{
    /// <summary>Bytes sent by all parties together.</summary>
    public long BytesTotal => BytesPerParty.Sum();
}

/// <summary>The three parties' ledgers merged: per operation, per primitive, and totals.</summary>
public sealed class CostReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private CostReport(IReadOnlyList<CostRow> operations, IReadOnlyList<CostRow> primitives, CostRow total)
    {
        Operations = operations;
        Primitives = primitives;
        Total = total;
    }

    /// <summary>Rows by (scope, operation), inclusive of nested protocols, in scope order.</summary>
    public IReadOnlyList<CostRow> Operations { get; }

    /// <summary>Rows by primitive protocol, exclusive.</summary>
    public IReadOnlyList<CostRow> Primitives { get; }

    /// <summary>Totals over the whole run.</summary>
    public CostRow Total { get; }

    /// <summary>Merges the ledgers of parties 0, 1 and 2.</summary>
    public static CostReport Merge(IReadOnlyList<CostLedger> ledgers)
    {
        ArgumentNullException.ThrowIfNull(ledgers);
        if (ledgers.Count != 3)
        {
            throw new ArgumentException($"A cost report merges the ledgers of 3 parties, not {ledgers.Count}.", nameof(ledgers));
        }

        var operationKeys = ledgers.SelectMany(l => l.Operations.Keys).Distinct()
            .OrderBy(k => k.Scope, StringComparer.Ordinal).ThenBy(k => k.Operation, StringComparer.Ordinal).ToList();
        var operations = operationKeys.Select(k => Row(k.Scope, k.Operation, ledgers.Select(l => l.Operations.GetValueOrDefault(k)).ToArray())).ToList();
        var primitiveKeys = ledgers.SelectMany(l => l.Primitives.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        var primitives = primitiveKeys.Select(k => Row(string.Empty, k, ledgers.Select(l => l.Primitives.GetValueOrDefault(k)).ToArray())).ToList();
        var total = Row(string.Empty, "total", ledgers.Select(l => l.Total).ToArray());
        if (CriticalPathRounds(ledgers) is { } exact)
        {
            operations = operations.Select(r => exact.Operations.TryGetValue((r.Scope, r.Name), out var v) ? r with { Rounds = v.Rounds, AheadRounds = v.Ahead } : r).ToList();
            primitives = primitives.Select(r => exact.Primitives.TryGetValue(r.Name, out var v) ? r with { Rounds = v.Rounds, AheadRounds = v.Ahead } : r).ToList();
        }

        total = total with { Calls = operations.Sum(r => r.Calls) };
        return new CostReport(operations, primitives, total);
    }

    /// <summary>Sums the operation rows whose scope is <paramref name="scope"/> or lies below it.</summary>
    public CostRow ForScope(string scope)
    {
        var rows = Operations.Where(r => r.Scope == scope || r.Scope.StartsWith(scope + "/", StringComparison.Ordinal)).ToList();
        return Sum(scope, rows);
    }

    /// <summary>Sums rows (bytes and calls add up; rounds and seconds add up too, as the rows ran one after another).</summary>
    public static CostRow Sum(string name, IReadOnlyCollection<CostRow> rows)
    {
        var bytes = new long[3];
        foreach (var r in rows)
        {
            for (var p = 0; p < 3; p++)
            {
                bytes[p] += r.BytesPerParty[p];
            }
        }

        return new CostRow(name, name, rows.Sum(r => r.Calls), bytes, rows.Sum(r => r.Rounds), rows.Sum(r => r.AheadRounds), rows.Sum(r => r.Seconds));
    }

    /// <summary>A plain-text table of the operations and the totals.</summary>
    public string ToTable()
    {
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        var header = string.Format(ci, "{0,-36} {1,-16} {2,7} {3,12} {4,12} {5,12} {6,7} {7,6} {8,9}", "scope", "operation", "calls", "P0 bytes", "P1 bytes", "P2 bytes", "rounds", "ahead", "seconds");
        sb.AppendLine(header);
        sb.AppendLine(new string('-', header.Length));
        foreach (var r in Operations.Append(Total))
        {
            sb.AppendLine(string.Format(ci, "{0,-36} {1,-16} {2,7} {3,12} {4,12} {5,12} {6,7} {7,6} {8,9:0.0000}",
                Truncate(r.Scope, 36), Truncate(r.Name, 16), r.Calls, r.BytesPerParty[0], r.BytesPerParty[1], r.BytesPerParty[2], r.Rounds, r.AheadRounds, r.Seconds));
        }

        return sb.ToString();
    }

    /// <summary>The report as JSON: operations, primitives and total, camel-case fields.</summary>
    public string ToJson() => JsonSerializer.Serialize(new { operations = Operations, primitives = Primitives, total = Total }, JsonOptions);

    /// <summary>
    /// Rounds per call on the critical path: the latest end clock minus the latest start clock over the three parties.
    /// Per-party clock increments would charge a party that sat idle (a dealer) with the rounds it catches up on at its
    /// next receive. Needs the three parties' call lists to agree, as they do when all run the same program; null otherwise.
    /// Primitive rows count each call's rounds including the protocols it calls.
    /// </summary>
    private static (Dictionary<(string, string), (long Rounds, long Ahead)> Operations, Dictionary<string, (long Rounds, long Ahead)> Primitives)? CriticalPathRounds(IReadOnlyList<CostLedger> ledgers)
    {
        var calls = ledgers.Select(l => l.Calls).ToArray();
        if (calls[1].Count != calls[0].Count || calls[2].Count != calls[0].Count)
        {
            return null;
        }

        var operations = new Dictionary<(string, string), (long Rounds, long Ahead)>();
        var primitives = new Dictionary<string, (long Rounds, long Ahead)>(StringComparer.Ordinal);
        for (var i = 0; i < calls[0].Count; i++)
        {
            var (c0, c1, c2) = (calls[0][i], calls[1][i], calls[2][i]);
            if (c1.Name != c0.Name || c2.Name != c0.Name || c1.Depth != c0.Depth || c2.Depth != c0.Depth)
            {
                return null;
            }

            var rounds = Math.Max(c0.EndClock, Math.Max(c1.EndClock, c2.EndClock)) - Math.Max(c0.StartClock, Math.Max(c1.StartClock, c2.StartClock));
            var ahead = Math.Max(c0.EndAhead, Math.Max(c1.EndAhead, c2.EndAhead)) - Math.Max(c0.StartAhead, Math.Max(c1.StartAhead, c2.StartAhead));
            rounds = Math.Max(0, rounds);
            ahead = Math.Max(0, ahead);
            if (c0.Depth == 0)
            {
                var key = (c0.Scope, c0.Name);
                var v = operations.GetValueOrDefault(key);
                operations[key] = (v.Rounds + rounds, v.Ahead + ahead);
            }

            var p = primitives.GetValueOrDefault(c0.Name);
            primitives[c0.Name] = (p.Rounds + rounds, p.Ahead + ahead);
        }

        return (operations, primitives);
    }

    private static CostRow Row(string scope, string name, CostEntry?[] parties)
    {
        var bytes = parties.Select(p => p?.BytesSent ?? 0).ToArray();
        return new CostRow(scope, name,
            parties.Max(p => p?.Calls ?? 0),
            bytes,
            parties.Max(p => p?.Rounds ?? 0),
            parties.Max(p => p?.AheadRounds ?? 0),
            parties.Max(p => p?.Seconds ?? 0));
    }

    private static string Truncate(string text, int width) => text.Length <= width ? text : "…" + text[^(width - 1)..];
}
