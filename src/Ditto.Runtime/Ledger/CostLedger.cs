using System.Diagnostics;

namespace Ditto.Runtime.Ledger;

/// <summary>
/// One party's cost ledger. Every protocol call runs inside <see cref="Protocol"/>; callers group work with
/// <see cref="Scope"/> (for example "layer3/attention"). Costs are kept two ways:
/// by operation (the outermost protocol within a scope, inclusive of what it calls, keyed by scope) and by
/// primitive (the innermost protocol, exclusive). Not thread-safe: a party runs its protocols one after another.
/// </summary>
public sealed class CostLedger
{
    private readonly List<string> _scopes = [];
    private readonly List<string> _protocols = [];
    private readonly Dictionary<(string Scope, string Operation), CostEntry> _operations = [];
    private readonly Dictionary<string, CostEntry> _primitives = new(StringComparer.Ordinal);
    private readonly CostEntry _total = new();
    private readonly List<ProtocolCall> _calls = [];
    private readonly Stack<int> _openCalls = new();
    private long _clock;
    private long _aheadClock;
    private string _scopePath = string.Empty;
    private long _mark = Stopwatch.GetTimestamp();
    private long _operationStart;
    private CostEntry? _operation;

    /// <summary>Creates an empty ledger.</summary>
    public CostLedger()
    {
    }

    /// <summary>A finished ledger rebuilt from another party's snapshot, for merging into a report.</summary>
    internal CostLedger(IEnumerable<KeyValuePair<(string Scope, string Operation), CostEntry>> operations, IEnumerable<KeyValuePair<string, CostEntry>> primitives, CostEntry total, IEnumerable<ProtocolCall> calls)
    {
        _operations = new(operations);
        _primitives = new(primitives, StringComparer.Ordinal);
        _total = total;
        _calls = [.. calls];
    }

    /// <summary>A live progress view this ledger reports to, if any.</summary>
    public ProgressMonitor? Monitor { get; init; }

    /// <summary>Costs by (scope, outermost protocol), inclusive.</summary>
    public IReadOnlyDictionary<(string Scope, string Operation), CostEntry> Operations => _operations;

    /// <summary>Costs by innermost protocol, exclusive of the protocols it calls.</summary>
    public IReadOnlyDictionary<string, CostEntry> Primitives => _primitives;

    /// <summary>Everything this party sent and waited for.</summary>
    public CostEntry Total => _total;

    /// <summary>Every protocol call in order, with this party's round clocks at its start and end.</summary>
    public IReadOnlyList<ProtocolCall> Calls => _calls;

    /// <summary>The current scope path, joined with '/'.</summary>
    public string CurrentScope => _scopePath;

    /// <summary>"scope: outer > inner" for error messages.</summary>
    public string CurrentStep
    {
        get
        {
            var protocol = _protocols.Count == 0 ? "(no protocol)" : string.Join(" > ", _protocols);
            return _scopePath.Length == 0 ? protocol : $"{_scopePath}: {protocol}";
        }
    }

    /// <summary>Opens a scope; scopes nest and are joined with '/'.</summary>
    public ScopeHandle Scope(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _scopes.Add(name);
        _scopePath = string.Join('/', _scopes);
        Monitor?.OnScope(_scopePath);
        return new ScopeHandle(this);
    }

    /// <summary>
    /// Opens a scope at the top level, whatever scopes are open (work that does not belong to the caller, such as sharing
    /// a weight the first time a layer reads it); the previous scopes come back when it is disposed.
    /// </summary>
    public RootScopeHandle RootScope(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var saved = _scopes.ToArray();
        _scopes.Clear();
        _scopes.Add(name);
        _scopePath = name;
        return new RootScopeHandle(this, saved);
    }

    /// <summary>Opens a protocol call. The outermost call within a scope is the operation the costs are charged to.</summary>
    public ProtocolHandle Protocol(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = Stopwatch.GetTimestamp();
        ChargeTime(now);
        _protocols.Add(name);
        Primitive(name).Calls++;
        if (_protocols.Count == 1)
        {
            _operation = Operation(_scopePath, name);
            _operation.Calls++;
            _operationStart = now;
        }

        _openCalls.Push(_calls.Count);
        _calls.Add(new ProtocolCall(_protocols.Count - 1, _scopePath, name, _clock, _clock, _aheadClock, _aheadClock));
        Monitor?.OnProtocol(this);
        return new ProtocolHandle(this);
    }

    internal void RecordSent(long bytes)
    {
        Monitor?.OnSent(bytes);
        _total.BytesSent += bytes;
        Current().BytesSent += bytes;
        if (_operation is not null)
        {
            _operation.BytesSent += bytes;
        }
        else
        {
            Operation(_scopePath, "(outside protocols)").BytesSent += bytes;
        }
    }

    internal void RecordRounds(long rounds, bool ahead)
    {
        if (rounds <= 0)
        {
            return;
        }

        var target = _operation ?? Operation(_scopePath, "(outside protocols)");
        if (ahead)
        {
            _aheadClock += rounds;
            _total.AheadRounds += rounds;
            Current().AheadRounds += rounds;
            target.AheadRounds += rounds;
        }
        else
        {
            _clock += rounds;
            _total.Rounds += rounds;
            Current().Rounds += rounds;
            target.Rounds += rounds;
        }
    }

    private void EndScope()
    {
        _scopes.RemoveAt(_scopes.Count - 1);
        _scopePath = string.Join('/', _scopes);
        Monitor?.OnScope(_scopePath);
    }

    private void RestoreScopes(string[] saved)
    {
        _scopes.Clear();
        _scopes.AddRange(saved);
        _scopePath = string.Join('/', _scopes);
    }

    private void EndProtocol()
    {
        var now = Stopwatch.GetTimestamp();
        ChargeTime(now);
        _protocols.RemoveAt(_protocols.Count - 1);
        var index = _openCalls.Pop();
        _calls[index] = _calls[index] with { EndClock = _clock, EndAhead = _aheadClock };
        if (_protocols.Count == 0 && _operation is not null)
        {
            var seconds = Stopwatch.GetElapsedTime(_operationStart, now).TotalSeconds;
            _operation.Seconds += seconds;
            _total.Seconds += seconds;
            _operation = null;
        }
    }

    private void ChargeTime(long now)
    {
        if (_protocols.Count > 0)
        {
            Primitive(_protocols[^1]).Seconds += Stopwatch.GetElapsedTime(_mark, now).TotalSeconds;
        }

        _mark = now;
    }

    private CostEntry Current() => _protocols.Count == 0 ? Primitive("(outside protocols)") : Primitive(_protocols[^1]);

    private CostEntry Primitive(string name)
    {
        if (!_primitives.TryGetValue(name, out var entry))
        {
            entry = new CostEntry();
            _primitives[name] = entry;
        }

        return entry;
    }

    private CostEntry Operation(string scope, string name)
    {
        if (!_operations.TryGetValue((scope, name), out var entry))
        {
            entry = new CostEntry();
            _operations[(scope, name)] = entry;
        }

        return entry;
    }

    /// <summary>Closes a scope when disposed.</summary>
    public readonly struct ScopeHandle(CostLedger ledger) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose() => ledger.EndScope();
    }

    /// <summary>Restores the scopes a root scope replaced when disposed.</summary>
    public readonly struct RootScopeHandle(CostLedger ledger, string[] saved) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose() => ledger.RestoreScopes(saved);
    }

    /// <summary>Closes a protocol call when disposed.</summary>
    public readonly struct ProtocolHandle(CostLedger ledger) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose() => ledger.EndProtocol();
    }
}
