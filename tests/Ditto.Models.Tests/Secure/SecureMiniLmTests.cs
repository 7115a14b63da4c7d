using Ditto.Models.Bert;
using Ditto.Models.Hosting;
using Ditto.Models.Tests.Bert;
using Xunit.Abstractions;

namespace Ditto.Models.Tests.Secure;

/// <summary>
/// Secure MiniLM (three in-process parties) against ONNX Runtime's mean-pooled sentence embedding, on nine sentences of
/// 6 to 26 tokens. Bounds (docs/models.md): cosine ≥ 0.99 with puma (everything in fxp64.18); ≥ 0.98 with ditto-quant (linear
/// layers in fxp32.8 on a model not distilled for it — rounding linear-layer inputs and weights to 8 fraction bits alone
/// costs about 0.01 of cosine); ≥ 0.995 with ditto-quant and the linear layers at 10 fraction bits. The order of the 36
/// sentence-pair similarities must be ONNX Runtime's.
/// </summary>
public sealed class SecureMiniLmTests(MiniLmFixture fixture, ITestOutputHelper output) : IClassFixture<MiniLmFixture>
{
    private static readonly string[] Sentences =
    [
        "The cat sits on the mat.",
        "A kitten is resting on a rug.",
        "Quarterly revenue grew faster than the analysts expected.",
        "The company reported record profits this year.",
        "Secure multi-party computation keeps both the model and the input private.",
        "Cryptography protects data while it is being processed by untrusted servers.",
        "Rain is expected tomorrow afternoon.",
        "The forecast says it will be sunny and warm all week long, with a light breeze from the west over the hills.",
        "Dogs love to play fetch in the park.",
    ];

    [Theory]
    [InlineData("puma", null, 0.99)]
    [InlineData("ditto-quant", null, 0.98)]
    [InlineData("ditto-quant", "Linear=32:10", 0.995)]
    public void SecureEmbeddingsMatchOnnxRuntimeAndKeepTheRanking(string preset, string? plan, double bound)
    {
        var model = new EncoderModel("minilm", "package", fixture.Bundle.Checkpoint, fixture.Bundle.Tokenizer);
        var secure = SecureRuns.Run(model, [new InferenceRequest(Sentences)], Presets.Get(preset), plan)[0].Embeddings!;
        var reference = Sentences.Select(s => fixture.MeanPooledReference(model.Encoder, s)).ToArray();
        var cosines = secure.Zip(reference, SentenceEncoder.Cosine).ToArray();
        output.WriteLine($"{preset} {plan}: cosine to ONNX Runtime min {cosines.Min():F5}, mean {cosines.Average():F5}");
        Assert.Equal(Sentences.Length, secure.Count);
        Assert.All(cosines, c => Assert.True(c >= bound, $"cosine {c:F5} below {bound}"));

        // The ranking of the 36 pair similarities. The four related pairs (0,1), (4,5), (2,3), (6,7) must lead in the
        // reference's order. Beyond that, two pairs may only swap when their reference similarities are closer than the
        // secure run can resolve: if the unit embeddings i and j are off by δ_i and δ_j (Euclidean), their cosine moves by at
        // most δ_i + δ_j + δ_i·δ_j (Cauchy–Schwarz), so pairs p and q keep their order unless their reference similarities
        // differ by less than the sum of those bounds. (Unrelated pairs sit within a few hundredths of 0 and some differ by
        // less than 0.001 in the reference itself.)
        var pairs = (from i in Enumerable.Range(0, Sentences.Length) from j in Enumerable.Range(i + 1, Sentences.Length - i - 1) select (i, j)).ToArray();
        var deviation = secure.Zip(reference, (a, b) => Math.Sqrt(a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Sum())).ToArray();
        double Ref((int i, int j) p) => SentenceEncoder.Cosine(reference[p.i], reference[p.j]);
        double Sec((int i, int j) p) => SentenceEncoder.Cosine(secure[p.i], secure[p.j]);
        double Resolution((int i, int j) p) => deviation[p.i] + deviation[p.j] + (deviation[p.i] * deviation[p.j]);
        var referenceTop = pairs.OrderByDescending(Ref).Take(4).ToArray();
        Assert.Equal([(0, 1), (4, 5), (2, 3), (6, 7)], referenceTop);
        Assert.Equal(referenceTop, pairs.OrderByDescending(Sec).Take(4).ToArray());
        var concordant = 0;
        var discordant = 0;
        foreach (var p in pairs)
        {
            Assert.InRange(Math.Abs(Sec(p) - Ref(p)), 0, Resolution(p));
            foreach (var q in pairs.Where(q => Ref(p) > Ref(q)))
            {
                if (Sec(p) > Sec(q))
                {
                    concordant++;
                }
                else
                {
                    discordant++;
                    Assert.True(Ref(p) - Ref(q) < Resolution(p) + Resolution(q),
                        $"pairs {p} ({Ref(p):F4}) and {q} ({Ref(q):F4}) swap order although the secure run resolves {Resolution(p) + Resolution(q):F4}: secure {Sec(p):F4} and {Sec(q):F4}");
                }
            }
        }

        output.WriteLine($"Kendall tau of the pair similarities: {(double)(concordant - discordant) / (concordant + discordant):F4}; largest similarity error {pairs.Max(p => Math.Abs(Sec(p) - Ref(p))):F4}; embedding deviations up to {deviation.Max():F4}");
    }
}
