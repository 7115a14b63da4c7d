using System.Numerics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Protocols;

/// <summary>
/// A party's view alone says nothing about the secret: each of its shares, and their sum, decode to noise that is
/// spread over the whole ring (about half of the bits set, almost never the secret itself).
/// </summary>
public class PrivacyTests
{
    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void EveryPartysSharesOfAConstantLookUniform(int ring)
    {
        if (ring == 32)
        {
            Check<uint>();
        }
        else
        {
            Check<ulong>();
        }
    }

    private static void Check<T>()
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var k = RingInfo<T>.Bits;
        var format = new FixedPointFormat(k, k == 32 ? 8 : 18);
        var n = 20000;
        var secret = Enumerable.Repeat(3.0f, n).ToArray();
        var encoded = FixedPointCodec.Encode<T>(3.0, format);
        var views = Run(party =>
        {
            var x = party.Share<T>(0, party.Id == 0 ? secret : null, TensorShape.Vector(n), format);
            var y = party.Share<T>(1, party.Id == 1 ? secret : null, TensorShape.Vector(n), format);
            var product = party.Multiply(x, y);
            var truncated = party.Truncate(product, format.FractionBits);
            return new[] { x, product, truncated };
        }).Results;

        for (var p = 0; p < 3; p++)
        {
            foreach (var share in views[p])
            {
                var decodedSum = new T[n];
                for (var i = 0; i < n; i++)
                {
                    decodedSum[i] = share.First[i] + share.Second[i];
                }

                foreach (var view in new[] { share.First, share.Second, decodedSum })
                {
                    // The secrets are 3.0 (x), 9.0 (product, truncated); none may show up beyond chance.
                    var hits = view.Count(v => v == encoded || FixedPointCodec.Decode(v, share.Format.FractionBits) is 9.0 or 3.0);
                    Assert.True(hits <= 2, $"party {p} sees the secret in {hits} of {n} elements");
                    var ones = view.Sum(v => (double)int.CreateTruncating(T.PopCount(v)));
                    var meanBits = ones / n;
                    Assert.InRange(meanBits, (k / 2.0) - 0.2, (k / 2.0) + 0.2);
                }
            }
        }
    }
}
