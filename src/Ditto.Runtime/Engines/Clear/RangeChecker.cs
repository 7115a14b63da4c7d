using System.Globalization;
using System.Numerics;
using Ditto.Runtime.FixedPoint;

namespace Ditto.Runtime.Engines.Clear;

/// <summary>
/// The emulator's range checker: where a protocol relies on a precondition (a truncation's or fused product's input
/// below 2^(k−2), a fast upcast's below 2^30, a downcast's result within the small ring, a rescale's shift, a
/// function's domain, an input within its format), the checking clear engine evaluates it exactly, records what it saw
/// per scope, check and source line, and for elements that break it computes what the protocol computes: a random
/// 2-of-2 split and the protocols' own wrap estimate, so the emulator's wrong value is the three-party engine's.
/// Without a checker the clear engine is unchanged.
/// </summary>
public sealed class RangeChecker
{
    private readonly Dictionary<(string Scope, string Check, int Line), RangeRow> _rows = [];
    private readonly List<(string Scope, string Check, int Line)> _order = [];
    private readonly Stack<string> _scopes = new();
    private readonly Random _split;
    private int _line;
    private string? _discarding;

    /// <summary>A checker whose simulated share splits come from <paramref name="seed"/>.</summary>
    public RangeChecker(int seed = 1)
    {
        _split = new Random(seed);
    }

    /// <summary>What was checked, in first-seen order: one row per scope, check and source line.</summary>
    public IReadOnlyList<RangeRow> Rows => [.. _order.Select(k => _rows[k])];

    /// <summary>The rows that saw a violation, leaving out overflows in lanes a selection discards.</summary>
    public IReadOnlyList<RangeRow> Violations => [.. Rows.Where(r => r.Violations > 0 && r.Discarded is null)];

    /// <summary>Opens a scope below the current one (the backend's model and layer-type scopes).</summary>
    public IDisposable Scope(string name)
    {
        _scopes.Push(_scopes.Count == 0 ? name : _scopes.Peek() + "/" + name);
        return new Pop(() => _scopes.Pop());
    }

    /// <summary>Opens a top-level scope.</summary>
    public IDisposable RootScope(string name)
    {
        _scopes.Push(name);
        return new Pop(() => _scopes.Pop());
    }

    /// <summary>Attributes the checks until disposal to a source line of the model (a conversion the generator inserted).</summary>
    public IDisposable At(int line)
    {
        var previous = _line;
        _line = line;
        return new Pop(() => _line = previous);
    }

    /// <summary>Marks what overflows until disposal as expected: its lanes are discarded by a later selection.</summary>
    public IDisposable Discarding(string why)
    {
        var previous = _discarding;
        _discarding = why;
        return new Pop(() => _discarding = previous);
    }

    /// <summary>Records one check over ring values (as signed integers) against |x| &lt; bound; returns which elements break it.</summary>
    internal bool[] Check<T>(string check, T[] values, long bound)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var broken = new bool[values.Length];
        var count = 0;
        double max = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var v = Math.Abs((double)FixedPointCodec.ToSigned(values[i]));
            max = Math.Max(max, v);
            if (v >= bound)
            {
                broken[i] = true;
                count++;
            }
        }

        Record(check, values.Length, count, max, bound);
        return broken;
    }

    /// <summary>Records one check over exact magnitudes (not yet reduced to the ring) against |x| &lt; bound.</summary>
    internal void CheckMagnitudes(string check, double[] values, double bound)
    {
        var count = 0;
        double max = 0;
        foreach (var value in values)
        {
            var v = Math.Abs(value);
            max = Math.Max(max, v);
            count += v >= bound ? 1 : 0;
        }

        Record(check, values.Length, count, max, bound);
    }

    /// <summary>Records a check on decoded values against [lo, hi] (a function's domain, an input's range).</summary>
    internal void CheckValues(string check, IReadOnlyList<double> values, double lo, double hi, double unit)
    {
        var count = 0;
        double max = 0;
        foreach (var v in values)
        {
            max = Math.Max(max, Math.Abs(v));
            if (v < lo || v > hi)
            {
                count++;
            }
        }

        Record(check, values.Count, count, max / unit, Math.Max(Math.Abs(lo), Math.Abs(hi)) / unit);
    }

    /// <summary>A uniformly random ring element: the share split the protocols would see.</summary>
    internal T Split<T>()
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T> => T.CreateTruncating(_split.NextInt64() ^ (_split.NextInt64() << 32));

    private void Record(string check, long elements, long violations, double max, double bound)
    {
        var key = (_scopes.Count == 0 ? string.Empty : _scopes.Peek(), _discarding is null ? check : $"{check} ({_discarding})", _line);
        if (!_rows.TryGetValue(key, out var row))
        {
            _order.Add(key);
            row = new RangeRow(key.Item1, key.Item2, _line, 0, 0, 0, bound) { Discarded = _discarding };
        }

        _rows[key] = row with
        {
            Elements = row.Elements + elements,
            Violations = row.Violations + violations,
            MaxAbs = Math.Max(row.MaxAbs, max),
        };
    }

    private sealed class Pop(Action pop) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                pop();
            }
        }
    }
}

/// <summary>One precondition as the checker saw it.</summary>
/// <param name="Scope">The scope ("BertModel.Forward/BertLayer.Forward/linear").</param>
/// <param name="Check">What was checked ("truncation input", "upcast input", "exp input").</param>
/// <param name="Line">The model's source line of the conversion, or 0 inside a function.</param>
/// <param name="Elements">Elements checked.</param>
/// <param name="Violations">Elements that broke the precondition.</param>
/// <param name="MaxAbs">The largest |x| seen, in the check's units (ring units, or format units for values).</param>
/// <param name="Bound">The bound |x| must stay below, in the same units.</param>
public sealed record RangeRow(string Scope, string Check, int Line, long Elements, long Violations, double MaxAbs, double Bound)
{
    /// <summary>Why overflows here are expected (their lanes are discarded by a later selection), or null.</summary>
    public string? Discarded { get; init; }

    /// <summary>log2(bound / largest |x|): the bits of headroom left; negative where the bound was broken.</summary>
    public double HeadroomBits => MaxAbs <= 0 ? double.PositiveInfinity : Math.Log2(Bound / MaxAbs);

    /// <summary>"BertLayer.Forward/linear (line 30) truncation input: 0 of 98304 over, max 2^24.1 of 2^30, 5.9 bits left".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Scope}{(Line > 0 ? $" (line {Line})" : string.Empty)} {Check}: {Violations} of {Elements} over, max 2^{Math.Log2(Math.Max(MaxAbs, 1)):0.0} of 2^{Math.Log2(Bound):0.0}, {HeadroomBits:0.0} bits left");
}
