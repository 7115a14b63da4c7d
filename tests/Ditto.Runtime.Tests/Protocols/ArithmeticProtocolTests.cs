using System.Numerics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Kernels;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Protocols;

public class ArithmeticProtocolTests
{
    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void SharingThenOpeningGivesTheInputBack(int ring)
    {
        if (ring == 32)
        {
            ShareOpen<uint>();
        }
        else
        {
            ShareOpen<ulong>();
        }
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void LocalOperationsMatchPlaintext(int ring)
    {
        if (ring == 32)
        {
            Local<uint>();
        }
        else
        {
            Local<ulong>();
        }
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void MultiplyMatchesPlaintextIncludingNegativesZeroAndBounds(int ring)
    {
        if (ring == 32)
        {
            Mul<uint>();
        }
        else
        {
            Mul<ulong>();
        }
    }

    [Theory]
    [InlineData(32, 1, 17, 33, 9, false, false)]
    [InlineData(64, 1, 17, 33, 9, false, true)]
    [InlineData(32, 3, 8, 16, 8, true, false)]
    [InlineData(64, 2, 5, 70, 6, false, false)]
    public void MatMulMatchesPlaintext(int ring, int batch, int m, int k, int n, bool tx, bool ty)
    {
        if (ring == 32)
        {
            MatMul<uint>(batch, m, k, n, tx, ty);
        }
        else
        {
            MatMul<ulong>(batch, m, k, n, tx, ty);
        }
    }

    [Fact]
    public void OpenToOneGivesTheValueToThatPartyOnly()
    {
        var format = FixedPointFormat.Ring64;
        float[] x = [1.5f, -2.25f, 0f, 1000f];
        for (var target = 0; target < 3; target++)
        {
            var t = target;
            var r = Run(party =>
            {
                var s = party.Share(2, party.Id == 2 ? x : null, TensorShape.Vector(4), format);
                return party.OpenTo(s, t);
            });
            for (var p = 0; p < 3; p++)
            {
                if (p == t)
                {
                    Assert.Equal(x, r.Results[p]);
                }
                else
                {
                    Assert.Null(r.Results[p]);
                }
            }
        }
    }

    [Fact]
    public void SameSeedGivesIdenticalSharesAndDifferentSeedsDoNot()
    {
        ulong[] Shares(ulong seed) => Run(party =>
        {
            var s = party.Share<ulong>(0, party.Id == 0 ? new float[] { 1, 2, 3 } : null, TensorShape.Vector(3), FixedPointFormat.Ring64);
            return party.Id == 1 ? s.First : [];
        }, seed).Results[1];
        Assert.Equal(Shares(5), Shares(5));
        Assert.NotEqual(Shares(5), Shares(6));
    }

    private static void ShareOpen<T>()
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var random = new Random(1);
        var k = RingInfo<T>.Bits;
        var values = RandomSigned<T>(random, 1000, k - 2);
        values[0] = T.Zero;
        values[1] = T.AllBitsSet;
        values[2] = T.One << (k - 1);
        for (var owner = 0; owner < 3; owner++)
        {
            var o = owner;
            var r = Run(party => party.OpenRing(party.ShareRing<T>(o, party.Id == o ? values : [], TensorShape.Vector(1000), new FixedPointFormat(k, 0))));
            Assert.All(r.Results, opened => Assert.Equal(values, opened));
        }
    }

    private static void Local<T>()
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var random = new Random(2);
        var k = RingInfo<T>.Bits;
        var format = new FixedPointFormat(k, 0);
        var x = RandomSigned<T>(random, 500, k - 2);
        var y = RandomSigned<T>(random, 500, k - 2);
        var c = RandomSigned<T>(random, 500, k - 2);
        var shape = TensorShape.Vector(500);
        var r = Run(party =>
        {
            var xs = party.ShareRing<T>(0, party.Id == 0 ? x : [], shape, format);
            var ys = party.ShareRing<T>(1, party.Id == 1 ? y : [], shape, format);
            return new[]
            {
                party.OpenRing(LocalArithmetic.Add(xs, ys)),
                party.OpenRing(LocalArithmetic.Subtract(xs, ys)),
                party.OpenRing(LocalArithmetic.Negate(xs)),
                party.OpenRing(LocalArithmetic.AddPublic(party.Id, xs, c)),
                party.OpenRing(LocalArithmetic.AddPublic(party.Id, xs, T.CreateTruncating(-7))),
                party.OpenRing(LocalArithmetic.MultiplyPublic(xs, T.CreateTruncating(-3))),
                party.OpenRing(LocalArithmetic.MultiplyPublic(xs, c, 0)),
                party.OpenRing(LocalArithmetic.ShiftLeft(xs, 5)),
            };
        }).Results[0];
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(x[i] + y[i], r[0][i]);
            Assert.Equal(x[i] - y[i], r[1][i]);
            Assert.Equal(T.Zero - x[i], r[2][i]);
            Assert.Equal(x[i] + c[i], r[3][i]);
            Assert.Equal(x[i] - T.CreateTruncating(7), r[4][i]);
            Assert.Equal(x[i] * T.CreateTruncating(-3), r[5][i]);
            Assert.Equal(x[i] * c[i], r[6][i]);
            Assert.Equal(x[i] << 5, r[7][i]);
        }
    }

    private static void Mul<T>()
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var k = RingInfo<T>.Bits;
        var f = k == 32 ? 8 : 18;
        var format = new FixedPointFormat(k, f);
        var random = new Random(3);
        var n = 2000;
        var x = new float[n];
        var y = new float[n];
        // Products must stay within the 2f-bit format: |x·y| < 2^(k−2−2f).
        var bound = Math.Sqrt(Math.ScaleB(1.0, k - 3 - (2 * f)));
        for (var i = 0; i < n; i++)
        {
            x[i] = (float)((random.NextDouble() * 2 - 1) * bound);
            y[i] = (float)((random.NextDouble() * 2 - 1) * bound);
        }

        (x[0], y[0]) = (0, (float)bound);
        (x[1], y[1]) = ((float)-bound, (float)bound);
        (x[2], y[2]) = ((float)-bound, (float)-bound);
        (x[3], y[3]) = (-1, 0);
        var shape = TensorShape.Vector(n);
        var opened = Run(party =>
        {
            var xs = party.Share<T>(0, party.Id == 0 ? x : null, shape, format);
            var ys = party.Share<T>(1, party.Id == 1 ? y : null, shape, format);
            var z = party.Multiply(xs, ys);
            Assert.Equal(new FixedPointFormat(k, 2 * f), z.Format);
            return party.OpenRing(z);
        }).Results[2];
        for (var i = 0; i < n; i++)
        {
            var expected = T.CreateTruncating(FixedPointCodec.EncodeSigned(x[i], format) * FixedPointCodec.EncodeSigned(y[i], format));
            Assert.Equal(expected, opened[i]);
        }
    }

    private static void MatMul<T>(int batch, int m, int k, int n, bool tx, bool ty)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var bits = RingInfo<T>.Bits;
        var format = new FixedPointFormat(bits, 0);
        var random = new Random(4);
        var x = RandomSigned<T>(random, batch * m * k, 12);
        var y = RandomSigned<T>(random, batch * k * n, 12);
        TensorShape Shape(int rows, int cols) => batch == 1 ? new TensorShape(rows, cols) : new TensorShape(batch, rows, cols);
        var xShape = tx ? Shape(k, m) : Shape(m, k);
        var yShape = ty ? Shape(n, k) : Shape(k, n);
        var opened = Run(party =>
        {
            var xs = party.ShareRing<T>(0, party.Id == 0 ? x : [], xShape, format);
            var ys = party.ShareRing<T>(1, party.Id == 1 ? y : [], yShape, format);
            var z = party.MatMul(xs, ys, tx, ty);
            Assert.Equal(batch == 1 ? new TensorShape(m, n) : new TensorShape(batch, m, n), z.Shape);
            return party.OpenRing(z);
        }).Results[0];
        var expected = new T[batch * m * n];
        MatMulKernel.MultiplyReference(x, y, expected, new MatMulDims(batch, m, k, n, tx, ty));
        Assert.Equal(expected, opened);
    }
}
