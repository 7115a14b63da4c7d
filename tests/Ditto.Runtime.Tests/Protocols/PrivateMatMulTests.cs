using System.Numerics;
using Ditto;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Kernels;
using Ditto.Runtime.Protocols;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Protocols;

public class PrivateMatMulTests
{
    [Theory]
    [InlineData(32, true, false)]
    [InlineData(64, true, true)]
    [InlineData(32, false, true)]
    [InlineData(64, false, false)]
    public void EqualsThePlainRingProductForOneHotAndDenseInputs(int ring, bool oneHot, bool transposeY)
    {
        if (ring == 32)
        {
            Check<uint>(oneHot, transposeY);
        }
        else
        {
            Check<ulong>(oneHot, transposeY);
        }
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void CostsTheOwnersMaskedInputOnceAndOneRotationInTwoRounds(int ring)
    {
        var (m, k, n) = (6, 50, 8);
        var format = new FixedPointFormat(ring, 0);
        var result = Run(party =>
        {
            var y = party.Share(1, party.Id == 1 ? new float[k * n] : null, new TensorShape(k, n), format);
            using (party.Scope("op"))
            {
                return new SecretEngine(party).MatMulPrivate(party.Id == 0 ? new float[m * k] : null, new TensorShape(m, k), format, 0, y, false).Shape;
            }
        });
        var cost = result.Report.ForScope("op");
        var word = ring / 8;
        Assert.Equal([(m * k * word) + (m * n * word), m * n * word, m * n * word], cost.BytesPerParty);
        Assert.Equal(2, cost.Rounds);
    }

    [Fact]
    public void TheBackendUsesItForAPrivateInputTimesAWeightAndSharesOtherwise()
    {
        var x = new Tensor([1, 0, 0, 0, 0, 1, 0, 0], 2, 4);
        var w = new Tensor([.. Enumerable.Range(0, 12).Select(i => i * 0.25f)], 4, 3);
        var result = Run(party =>
        {
            var b = BackendFactory.Mpc(party, PrecisionPlan.Ditto, new Approximations());
            var format = new FixedPointFormat(64, 0);
            var input = b.Input(party.Id == 0 ? x : null, x.Shape, format, 0);
            using (party.Scope("lookup"))
            {
                var rows = b.MatMul(input, b.Weight(w, new FixedPointFormat(64, 8)), transposeY: false);
                var again = b.Add(input, input);
                return (b.Reveal(rows, 0)?.Data, b.Reveal(again, 0)?.Data);
            }
        });
        Assert.Equal([0, 0.25f, 0.5f, 0.75f, 1, 1.25f], result.Results[0].Item1!);
        Assert.Equal([2, 0, 0, 0, 0, 2, 0, 0], result.Results[0].Item2!);
        var operations = result.Report.Operations.Where(r => r.Scope.StartsWith("lookup", StringComparison.Ordinal)).Select(r => r.Name).ToList();
        Assert.Contains(result.Report.Operations, r => r.Scope == "lookup/embedding" && r.Name == "matmul-private");
        Assert.Contains("matmul-private", operations);
        Assert.Contains("input", operations);
        Assert.DoesNotContain("matmul", operations);
    }

    private static void Check<T>(bool oneHot, bool transposeY)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var (m, k, n) = (5, 40, 7);
        var random = new Random(9);
        var x = new float[m * k];
        for (var i = 0; i < m; i++)
        {
            if (oneHot)
            {
                x[(i * k) + random.Next(k)] = 1;
            }
            else
            {
                for (var j = 0; j < k; j++)
                {
                    x[(i * k) + j] = random.Next(-50, 50);
                }
            }
        }

        var bits = RingInfo<T>.Bits;
        var y = RandomSigned<T>(random, k * n, 16);
        var format = new FixedPointFormat(bits, 0);
        var yShape = transposeY ? new TensorShape(n, k) : new TensorShape(k, n);
        var opened = Run(party =>
        {
            var ys = party.ShareRing<T>(1, party.Id == 1 ? y : [], yShape, format);
            var encoded = party.Id == 0 ? x.Select(v => T.CreateTruncating((long)v)).ToArray() : [];
            return party.OpenRing(party.MatMulPrivate<T>(0, encoded, new TensorShape(m, k), format, ys, transposeY));
        }).Results[2];
        var expected = new T[m * n];
        MatMulKernel.MultiplyReference(x.Select(v => T.CreateTruncating((long)v)).ToArray(), y, expected, new MatMulDims(1, m, k, n, TransposeB: transposeY));
        Assert.Equal(expected, opened);
    }
}
