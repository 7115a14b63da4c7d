using Ditto.Models.Inputs;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Parties;

namespace Ditto.Models.Tests.Bert;

/// <summary>
/// Token types (sentence pairs): the embedding adds row type_id of token_type_embeddings to each token, as Hugging Face
/// does, in float and within the engine's noise on the three parties; a [1, 1] zero means type 0 for every token.
/// </summary>
public sealed class TokenTypeTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public void EachTokenGetsTheRowOfItsType()
    {
        var embeddings = fixture.Bundle.Checkpoint.Model.Embeddings;
        int[] ids = [101, 7592, 102, 2088, 102, 101, 2054, 102, 0, 0];
        float[] types = [0, 0, 0, 1, 1, 0, 0, 0, 0, 0];
        var (batch, length, width) = (2, 5, embeddings.Width);
        var oneHot = OneHot.Encode(ids, fixture.Bundle.Checkpoint.Config.VocabSize);
        var got = embeddings.Forward(oneHot, batch, length, new Tensor(types, batch * length, 1));

        // Hugging Face: LayerNorm(words[id] + positions[t] + token_types[type]) per token.
        var sum = new float[batch * length * width];
        for (var r = 0; r < batch * length; r++)
        {
            for (var d = 0; d < width; d++)
            {
                sum[(r * width) + d] = embeddings.Words.Data[(ids[r] * width) + d] + embeddings.Positions.Data[((r % length) * width) + d] + embeddings.TokenTypes.Data[((int)types[r] * width) + d];
            }
        }

        var expected = Ops.LayerNorm(new Tensor(sum, batch * length, width), embeddings.Norm.Weight, embeddings.Norm.Bias, embeddings.Norm.Epsilon);
        Assert.All(got.Data.Zip(expected.Data), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-4));

        // All zeros as a [1, 1] zero: the same as type 0 written out.
        var zeros = embeddings.Forward(oneHot, batch, length, Tensor.Zeros(batch * length, 1));
        Assert.Equal(embeddings.Forward(oneHot, batch, length, Tensor.Zeros(1, 1)).Data, zeros.Data);

        // On the three parties (puma's fxp64.18): the second sentence's rows follow, within the encoding and LayerNorm noise.
        var preset = Presets.Get("puma");
        var secure = InProcessSession.Run(party =>
        {
            var backend = BackendFactory.Mpc(party, preset.Plan, preset.Approximations);
            var input = backend.Input(party.Id == 0 ? oneHot : null, oneHot.Shape, new Runtime.FixedPoint.FixedPointFormat(64, 18), 0);
            return backend.Reveal(embeddings.Forward(backend, input, batch, length, new Tensor(types, batch * length, 1)), 0);
        }, new SessionOptions { Seed = 2 }).Results[0]!;
        Assert.All(secure.Data.Zip(expected.Data), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 2e-3));
    }
}
