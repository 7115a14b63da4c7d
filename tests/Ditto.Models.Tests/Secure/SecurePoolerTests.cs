using Ditto.Models.Bert;
using Ditto.Runtime.Backends;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Parties;
using Xunit.Abstractions;

namespace Ditto.Models.Tests.Secure;

/// <summary>
/// BERT's pooler, tanh(dense([CLS])), on three parties against float, with pre-activations across [−5, 5], where the
/// old exp-based tanh saturated at tanh(0.5) for every input above 0.5.
/// </summary>
public sealed class SecurePoolerTests(ITestOutputHelper output)
{
    [Fact]
    public void SecurePoolerMatchesFloatOverPreActivationsFromMinus5To5()
    {
        const int width = 32;
        var random = new Random(3);
        float[] Values(int n, double scale) => [.. Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale))];

        // W = 5·I plus noise in [−0.05, 0.05] and a [CLS] row on a grid over [−1, 1]: pre-activations across [−5, 5].
        var weight = Values(width * width, 0.05);
        for (var i = 0; i < width; i++)
        {
            weight[(i * width) + i] += 5;
        }

        var hidden = Values(4 * width, 1);
        for (var i = 0; i < width; i++)
        {
            hidden[i] = -1 + (2f * i / (width - 1));
        }

        var pooler = new BertPooler { Weight = new Tensor(weight, width, width), Bias = new Tensor(Values(width, 0.05), width) };
        var hiddenStates = new Tensor(hidden, 4, width);
        var dense = Tensor.MatMul(hiddenStates.Slice(0, 0, 1), pooler.Weight) + pooler.Bias;
        Assert.True(dense.Data.Max() > 4.5 && dense.Data.Min() < -4.5, $"the pre-activations span [{dense.Data.Min()}, {dense.Data.Max()}]");

        var expected = pooler.Forward(hiddenStates).Data;
        var session = InProcessSession.Run(party =>
        {
            var backend = BackendFactory.Mpc(party, PrecisionPlan.Puma, new Approximations());
            var x = backend.Input(party.Id == backend.ClientId ? hiddenStates : null, hiddenStates.Shape, FixedPointFormat.Ring64, backend.ClientId);
            return backend.Reveal(pooler.Forward(backend, x), backend.ClientId)?.Data;
        });
        var secure = session.Results[0]!;
        var error = secure.Zip(expected, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"max abs error {error:G3} over pre-activations in [{dense.Data.Min():F2}, {dense.Data.Max():F2}]");

        // Bound: the dense layer's inputs and weights are rounded to fxp64.18 (half a unit each, 1.9e−6): Σ|x|·δw over 32
        // terms (6.1e−5) plus Σ|w|·δx (at most (5 + 32·0.05)·1.9e−6 = 1.3e−5), its truncation (one unit, 3.8e−6); tanh has
        // slope ≤ 1 and adds its own 6 units (2.3e−5): 1.0e−4 in all.
        Assert.InRange(error, 0, 1.0e-4);
    }
}
