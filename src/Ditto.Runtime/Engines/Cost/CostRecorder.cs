using Ditto.Runtime.Ledger;

namespace Ditto.Runtime.Engines.Cost;

/// <summary>
/// The cost engine's ledger: it keeps the same scopes as the three-party engine's cost ledger (the model scopes the
/// generated code opens, with the layer type the fixed-point backend opens innermost, and the root scope of weight
/// sharing) and adds every charge of the engine to the scope open at the time. <see cref="Estimate"/> gives one row per
/// scope and layer type, in the order they were first charged.
/// </summary>
public sealed class CostRecorder
{
    private readonly Dictionary<(string Scope, string LayerType), Row> _rows = [];
    private readonly List<(string Scope, string LayerType)> _order = [];
    private readonly Stack<Frame> _frames = new();

    /// <summary>The estimate so far.</summary>
    public CostEstimate Estimate => new([.. _order.Select(k => new CostEstimateRow(k.Scope, k.LayerType, _rows[k].Calls, (long)Math.Ceiling(_rows[k].Bytes), _rows[k].Rounds))]);

    /// <summary>Opens a scope below the current one.</summary>
    public IDisposable Scope(string name) => Push(_frames.Count == 0 ? name : _frames.Peek().Path + "/" + name);

    /// <summary>Opens a top-level scope whatever is open (weight sharing, a one-off of the session).</summary>
    public IDisposable RootScope(string name) => Push(name);

    /// <summary>Adds a charge to the current scope; the first charge within an opening counts one call.</summary>
    public void Charge(ProtocolCost cost)
    {
        var frame = _frames.Count == 0 ? new Frame(string.Empty) : _frames.Peek();
        var key = Split(frame.Path);
        if (!_rows.TryGetValue(key, out var row))
        {
            _rows[key] = row = new Row();
            _order.Add(key);
        }

        if (!frame.Counted)
        {
            row.Calls++;
            frame.Counted = true;
        }

        row.Bytes += cost.Bytes;
        row.Rounds += cost.Rounds;
    }

    /// <summary>"BertModel.Forward/BertLayer.Forward/softmax" → ("BertModel.Forward/BertLayer.Forward", "softmax").</summary>
    private static (string Scope, string LayerType) Split(string path)
    {
        var cut = path.LastIndexOf('/');
        var last = path[(cut + 1)..];
        return CostCategories.All.Contains(last) ? (cut < 0 ? string.Empty : path[..cut], last) : (path, CostCategories.Other);
    }

    private PopScope Push(string path)
    {
        _frames.Push(new Frame(path));
        return new PopScope(_frames);
    }

    private sealed class Frame(string path)
    {
        public string Path { get; } = path;

        public bool Counted { get; set; }
    }

    private sealed class Row
    {
        public long Calls { get; set; }

        public double Bytes { get; set; }

        public long Rounds { get; set; }
    }

    private sealed class PopScope(Stack<Frame> frames) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                frames.Pop();
            }
        }
    }
}
