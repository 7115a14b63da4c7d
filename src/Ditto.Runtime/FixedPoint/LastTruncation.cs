namespace Ditto.Runtime.FixedPoint;

/// <summary>
/// An engine's memory of its most recent truncation (result, input, bits), so that a reveal of exactly that result can
/// round it exactly (<see cref="CastOptions.ExactRoundingBeforeReveal"/>). One slot: the last rescale before a reveal is
/// the engine's last truncation whenever the revealed value comes straight out of it, or out of a layout change of it (a
/// mean's reshape), as a model's output does.
/// </summary>
/// <typeparam name="T">The engine's tensor type.</typeparam>
public sealed class LastTruncation<T>
    where T : class
{
    private (T Result, T Input, int Bits)? _last;

    /// <summary>Remembers that <paramref name="result"/> is <paramref name="input"/> truncated by <paramref name="bits"/>.</summary>
    public T Remember(T result, T input, int bits)
    {
        _last = bits > 0 ? (result, input, bits) : null;
        return result;
    }

    /// <summary>
    /// A layout change (gather) of the last truncation's result keeps it exactly roundable: the same layout change of its
    /// input is remembered with it. Any other result is returned as it is.
    /// </summary>
    public T Follow(T x, T result, Func<T, T> sameLayout)
    {
        ArgumentNullException.ThrowIfNull(sameLayout);
        if (_last is { } last && ReferenceEquals(last.Result, x))
        {
            _last = (result, sameLayout(last.Input), last.Bits);
        }

        return result;
    }

    /// <summary>The input and bits of <paramref name="result"/> if it is the last truncation's result.</summary>
    public bool TryGet(T result, out T input, out int bits)
    {
        if (_last is { } last && ReferenceEquals(last.Result, result))
        {
            (input, bits) = (last.Input, last.Bits);
            return true;
        }

        (input, bits) = (null!, 0);
        return false;
    }
}
