using System.Diagnostics;

namespace Ditto.Runtime.Ledger;

/// <summary>
/// A live view of a running session for progress displays: the scope being run, payload bytes sent so far and protocol
/// calls started, written by the parties' ledgers and readable from any thread. Attach it with
/// the session options (SessionOptions.Progress); in process, the three parties report into the same monitor.
/// </summary>
public sealed class ProgressMonitor
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _bytes;
    private long _calls;
    private string _scope = string.Empty;
    private string _step = string.Empty;

    /// <summary>
    /// The top-level scopes the program enters, in order, when the caller knows them ("input", "layer0", ...): they
    /// give <see cref="Fraction"/> and <see cref="Remaining"/>. Without them only elapsed time and bytes are known.
    /// </summary>
    public IReadOnlyList<string>? ExpectedScopes { get; init; }

    /// <summary>Raised on the party's thread when a protocol call starts, with the running count and the step ("layer1: matmul").</summary>
    public event Action<long, string>? ProtocolStarted;

    /// <summary>The scope most recently entered or returned to.</summary>
    public string Scope => Volatile.Read(ref _scope);

    /// <summary>The protocol step most recently started ("layer1: matmul"), empty before the first.</summary>
    public string Step => Volatile.Read(ref _step);

    /// <summary>Payload bytes sent so far by the parties reporting here.</summary>
    public long BytesSent => Interlocked.Read(ref _bytes);

    /// <summary>Protocol calls started so far (nested calls included).</summary>
    public long ProtocolCalls => Interlocked.Read(ref _calls);

    /// <summary>Time since the monitor was created.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    /// <summary>Share of the expected top-level scopes already finished, if they are known and the current one is among them.</summary>
    public double? Fraction
    {
        get
        {
            if (ExpectedScopes is not { Count: > 0 } expected)
            {
                return null;
            }

            var top = Scope.Split('/')[0];
            var index = expected.ToList().IndexOf(top);
            return index < 0 ? null : (double)index / expected.Count;
        }
    }

    /// <summary>Estimated time left, extrapolated from the elapsed time and <see cref="Fraction"/>; null when not known yet.</summary>
    public TimeSpan? Remaining => Fraction is > 0 and var f ? Elapsed * ((1 - f) / f) : null;

    internal void OnScope(string path) => Volatile.Write(ref _scope, path);

    internal void OnSent(long bytes) => Interlocked.Add(ref _bytes, bytes);

    internal void OnProtocol(CostLedger ledger)
    {
        var count = Interlocked.Increment(ref _calls);
        var step = ledger.CurrentStep;
        Volatile.Write(ref _step, step);
        ProtocolStarted?.Invoke(count, step);
    }
}
