using System.Collections.Concurrent;
using Ditto.Models.Hosting;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Transport;

namespace Ditto.Models.Inference;

/// <summary>What the client learnt from one secure inference, and what it cost.</summary>
/// <param name="Answer">The revealed answer (only the client's party learns it).</param>
/// <param name="Cost">The three parties' merged ledger: bytes, rounds and seconds by scope, the weight sharing included.</param>
public sealed record SecureAnswer(InferenceAnswer Answer, CostReport Cost);

/// <summary>
/// Settings of the high-level API: the preset, and the session's reproducibility and timeout. The defaults are a real
/// run's: fresh randomness from the operating system, a 30 s receive timeout.
/// </summary>
public sealed record SecureRunOptions
{
    /// <summary>A master seed for reproducible runs (tests only: any party can regenerate every mask from it).</summary>
    public ulong? Seed { get; init; }

    /// <summary>How long a party waits for a peer's message before it fails naming the peer.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Runs <see cref="InferenceProgram"/> for a loaded model as three parties in this process, one session per call.
/// Calls may overlap (each has its own parties and network); disposing cancels the calls in flight and waits for their
/// threads to stop, so nothing runs after <see cref="DisposeAsync"/> returns.
/// </summary>
public abstract class SecureRunner : IAsyncDisposable
{
    private readonly CancellationTokenSource _closing = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly SecureRunOptions _options;
    private int _disposed;

    private protected SecureRunner(LoadedModel model, ModelPreset preset, SecureRunOptions? options)
    {
        Model = model;
        Preset = preset;
        _options = options ?? new SecureRunOptions();
    }

    /// <summary>The model, as loaded (its weights stay in this process: here the owner is one of the three parties).</summary>
    public LoadedModel Model { get; }

    /// <summary>The precision plan and approximations every call runs under.</summary>
    public ModelPreset Preset { get; }

    /// <summary>Runs any request (texts, pairs, generation, perplexity) and returns the answer with its cost.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled, or the runner was disposed, before the answer.</exception>
    /// <exception cref="ObjectDisposedException">The runner is disposed.</exception>
    public Task<SecureAnswer> RunAsync(InferenceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        // The whole call is tracked, its continuation included, so that the call has completed when DisposeAsync returns.
        var call = RunSessionAsync(request, cancellationToken);
        _inFlight.TryAdd(call, 0);
        call.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return call;
    }

    private async Task<SecureAnswer> RunSessionAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        var session = InProcessSession.RunAsync(
            party =>
            {
                var backend = BackendFactory.Mpc(party, Preset.Plan, Preset.Approximations);
                return InferenceProgram.Run(backend, Model, party.Id == backend.ClientId ? request : null);
            },
            new SessionOptions { Seed = _options.Seed, ReceiveTimeout = _options.ReceiveTimeout },
            linked.Token);
        var result = await session.ConfigureAwait(false);
        return new SecureAnswer(result.Results[0] ?? throw new InvalidOperationException("The client's party returned no answer."), result.Report);
    }

    /// <summary>Cancels the calls in flight and waits until their parties have stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _closing.CancelAsync().ConfigureAwait(false);
        foreach (var task in _inFlight.Keys)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or PeerException)
            {
                // The call's own caller sees its cancellation; closing only waits for the threads.
            }
        }

        // _closing stays undisposed (it holds no timer): a call racing with Dispose gets a cancelled token, not an ObjectDisposedException from inside.
        GC.SuppressFinalize(this);
    }

    private protected static ModelPreset PresetNamed(string preset)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(preset);
        return Presets.Get(preset);
    }
}
