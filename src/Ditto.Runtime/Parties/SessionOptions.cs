namespace Ditto.Runtime.Parties;

/// <summary>Settings of a three-party session.</summary>
public sealed record SessionOptions
{
    /// <summary>
    /// A master seed for reproducible runs (tests and benchmarks): every party derives its seeds from it, so two runs
    /// with the same seed exchange identical messages. Null (the default) takes every seed from the operating system's
    /// random number generator, as a real deployment must.
    /// </summary>
    public ulong? Seed { get; init; }

    /// <summary>How long a party waits for a peer's message before it stops with an error naming the peer (default 30 s). In process only: over TCP the party configuration's receive timeout applies.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A live progress view the parties' ledgers report to (scope, bytes sent, protocol calls); null for none.</summary>
    public Ledger.ProgressMonitor? Progress { get; init; }
}
