using Ditto.Runtime.Backends;

namespace Ditto.Models.Decoding;

/// <summary>
/// Every block's keys and values of the positions seen so far, as backend values (secret in MPC). A block appends its
/// new tokens' keys and values with a concatenation along positions (local) and attends over the result.
/// </summary>
public sealed class KeyValueCache
{
    private readonly IBackend _backend;
    private readonly Value?[] _keys;
    private readonly Value?[] _values;

    /// <summary>An empty cache for <paramref name="layers"/> blocks.</summary>
    public KeyValueCache(IBackend backend, int layers)
    {
        _backend = backend ?? throw new ArgumentNullException(nameof(backend));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layers);
        _keys = new Value?[layers];
        _values = new Value?[layers];
    }

    /// <summary>Appends block <paramref name="layer"/>'s new keys and values; returns every position's, cached ones first.</summary>
    public (Value Keys, Value Values) Append(int layer, Value keys, Value values)
    {
        _keys[layer] = _keys[layer] is { } k ? _backend.Concat(0, [k, keys]) : keys;
        _values[layer] = _values[layer] is { } v ? _backend.Concat(0, [v, values]) : values;
        return (_keys[layer]!, _values[layer]!);
    }
}
