using System.Numerics;
using Ditto.Runtime.FixedPoint;

namespace Ditto.Runtime.Protocols.Arithmetic;

/// <summary>
/// The per-element work of each truncation role, vectorized with <see cref="Vector{T}"/> (scalar for the tail).
/// Comparisons produce all-ones masks; ANDing with one turns them into the bits t, u, v.
/// </summary>
internal static class TruncationKernels
{
    /// <summary>Role A: a = x_A + x_{A+1}; e = (u − r) mod 2^m; y_A − u' = ⌊a/2^m⌋ + 1 − (t + s)·2^wrapShift − u'.</summary>
    public static void RoleA<T>(ReadOnlySpan<T> first, ReadOnlySpan<T> second, ReadOnlySpan<T> r, ReadOnlySpan<T> s, ReadOnlySpan<T> mask, Span<T> e, Span<T> contribution, int m, int wrapShift, bool needsWrap)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var quarter = RingInfo<T>.QuarterRing;
        var half = RingInfo<T>.HalfRing;
        var mMask = (T.One << m) - T.One;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vq = new Vector<T>(quarter);
            var vh = new Vector<T>(half);
            var vm = new Vector<T>(mMask);
            for (; i <= first.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var a = new Vector<T>(first[i..]) + new Vector<T>(second[i..]);
                var ya = (a >>> m) + Vector<T>.One;
                if (needsWrap)
                {
                    var t = Vector.GreaterThanOrEqual(a, vq) & Vector<T>.One;
                    var u = Vector.GreaterThanOrEqual(a - vq, vh) & Vector<T>.One;
                    ((u - new Vector<T>(r[i..])) & vm).CopyTo(e[i..]);
                    ya -= (t + new Vector<T>(s[i..])) << wrapShift;
                }

                (ya - new Vector<T>(mask[i..])).CopyTo(contribution[i..]);
            }
        }

        for (; i < first.Length; i++)
        {
            var a = first[i] + second[i];
            var ya = (a >> m) + T.One;
            if (needsWrap)
            {
                var t = a >= quarter ? T.One : T.Zero;
                var u = (a - quarter) >= half ? T.One : T.Zero;
                e[i] = (u - r[i]) & mMask;
                ya -= (t + s[i]) << wrapShift;
            }

            contribution[i] = ya - mask[i];
        }
    }

    /// <summary>Role B: b = x_{A+2}, v = [b ≥ 2^(k−1)]; y_B − w' = ⌊b/2^m⌋ − (e·v + q)·2^wrapShift − w'.</summary>
    public static void RoleB<T>(ReadOnlySpan<T> b, ReadOnlySpan<T> e, ReadOnlySpan<T> q, ReadOnlySpan<T> mask, Span<T> contribution, int m, int wrapShift, bool needsWrap)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var half = RingInfo<T>.HalfRing;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vh = new Vector<T>(half);
            for (; i <= b.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var vb = new Vector<T>(b[i..]);
                var yb = vb >>> m;
                if (needsWrap)
                {
                    var ev = Vector.GreaterThanOrEqual(vb, vh) & new Vector<T>(e[i..]);
                    yb -= (ev + new Vector<T>(q[i..])) << wrapShift;
                }

                (yb - new Vector<T>(mask[i..])).CopyTo(contribution[i..]);
            }
        }

        for (; i < b.Length; i++)
        {
            var yb = b[i] >> m;
            if (needsWrap)
            {
                var ev = b[i] >= half ? e[i] : T.Zero;
                yb -= (ev + q[i]) << wrapShift;
            }

            contribution[i] = yb - mask[i];
        }
    }

    /// <summary>Role C (helper): q = (r·v − s) mod 2^m with v = [b ≥ 2^(k−1)], b = x_{A+2}.</summary>
    public static void RoleC<T>(ReadOnlySpan<T> b, ReadOnlySpan<T> r, ReadOnlySpan<T> s, Span<T> q, int m)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var half = RingInfo<T>.HalfRing;
        var mMask = (T.One << m) - T.One;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vh = new Vector<T>(half);
            var vm = new Vector<T>(mMask);
            for (; i <= b.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var rv = Vector.GreaterThanOrEqual(new Vector<T>(b[i..]), vh) & new Vector<T>(r[i..]);
                ((rv - new Vector<T>(s[i..])) & vm).CopyTo(q[i..]);
            }
        }

        for (; i < b.Length; i++)
        {
            var rv = b[i] >= half ? r[i] : T.Zero;
            q[i] = (rv - s[i]) & mMask;
        }
    }
}
