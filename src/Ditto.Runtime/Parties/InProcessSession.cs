using System.Runtime.ExceptionServices;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Transport;

namespace Ditto.Runtime.Parties;

/// <summary>The results of a session: one per party, and the merged cost report.</summary>
/// <typeparam name="T">What each party's program returns.</typeparam>
/// <param name="Results">Party 0's, 1's and 2's results.</param>
/// <param name="Report">The three ledgers merged.</param>
/// <param name="Ledgers">The parties' own ledgers.</param>
public sealed record SessionResult<T>(T[] Results, CostReport Report, CostLedger[] Ledgers);

/// <summary>
/// Runs the three parties concurrently in this process, each on its own thread with its own <see cref="Party"/>, over an
/// <see cref="InProcessNetwork"/>. If any party throws, the others are woken and stop, and the first failure is rethrown.
/// Cancellation aborts the network as a failure would: every party stops at its next message.
/// </summary>
public static class InProcessSession
{
    /// <summary>Runs <paramref name="program"/> as all three parties, on three threads, and waits for them.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled before the parties finished.</exception>
    public static SessionResult<T> Run<T>(Func<Party, T> program, SessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        cancellationToken.ThrowIfCancellationRequested();
        options ??= new SessionOptions();
        using var network = new InProcessNetwork(options.ReceiveTimeout);
        // A party blocked on a receive wakes with PeerFault.Aborted; one in local work stops at its next message.
        using var cancellation = cancellationToken.Register(() => network.Abort(0));
        var results = new T[3];
        var ledgers = new CostLedger[3];
        var failures = new Exception?[3];
        var failedAt = new long[3];
        var threads = new Thread[3];
        for (var id = 0; id < 3; id++)
        {
            var partyId = id;
            threads[id] = new Thread(() =>
            {
                try
                {
                    using var party = Party.Create(network.Endpoint(partyId), options);
                    ledgers[partyId] = party.Ledger;
                    results[partyId] = program(party);
                }
                catch (Exception e)
                {
                    failedAt[partyId] = System.Diagnostics.Stopwatch.GetTimestamp();
                    failures[partyId] = e;
                    network.Abort(partyId);
                }
            })
            {
                IsBackground = true,
                Name = $"ditto-party-{partyId}",
            };
            threads[id].Start();
        }

        foreach (var t in threads)
        {
            t.Join();
        }

        // A party that failed because the session was cancelled reports the cancellation, not the abort it caused.
        if (cancellationToken.IsCancellationRequested && failures.Any(f => f is not null))
        {
            throw new OperationCanceledException("The three-party session was cancelled.", cancellationToken);
        }

        // The root cause is the earliest failure that is not just the echo of another party's failure.
        var order = Enumerable.Range(0, 3).Where(i => failures[i] is not null).OrderBy(i => failedAt[i]).ToList();
        var rootCause = order.Select(i => failures[i]).FirstOrDefault(e => e is not PeerException { Fault: PeerFault.Aborted })
            ?? order.Select(i => failures[i]).FirstOrDefault();
        if (rootCause is not null)
        {
            ExceptionDispatchInfo.Capture(rootCause).Throw();
        }

        return new SessionResult<T>(results, CostReport.Merge(ledgers), ledgers);
    }

    /// <summary>
    /// <see cref="Run{T}"/> without blocking the caller: the parties' threads and the one that waits for them are
    /// dedicated threads, never the thread pool's.
    /// </summary>
    public static Task<SessionResult<T>> RunAsync<T>(Func<Party, T> program, SessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Task.Factory.StartNew(() => Run(program, options, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}
