using Ditto.Models.Bert;
using Ditto.Models.Hosting;
using Ditto.Models.Tests.Bert;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Parties;
using Xunit.Abstractions;

namespace Ditto.Models.Tests.Secure;

/// <summary>
/// MiniLM over a batch: eight sentences of different lengths in one secure pass, padded to the longest with a public
/// padding mask. Each embedding must be its sentence's alone (cosine ≥ 0.999 to the unpadded single-sentence secure run
/// and ≥ 0.99 to ONNX Runtime), padding must change nothing in float, and the batch must cost the rounds of one
/// sentence (at most 1.05× the longest sentence's).
/// </summary>
public sealed class SecureBatchTests(MiniLmFixture fixture, ITestOutputHelper output) : IClassFixture<MiniLmFixture>
{
    private static readonly string[] Sentences =
    [
        "The cat sits on the mat.",
        "A kitten is resting on a rug.",
        "Quarterly revenue grew faster than the analysts expected.",
        "Secure multi-party computation keeps both the model and the input private.",
        "Rain is expected tomorrow afternoon.",
        "The forecast says it will be sunny and warm all week long, with a light breeze from the west.",
        "Dogs love to play fetch in the park.",
        "Hello.",
    ];

    private EncoderModel Model => new("minilm", "package", fixture.Bundle.Checkpoint, fixture.Bundle.Tokenizer);

    [Fact]
    public void PaddingChangesNothingInFloat()
    {
        var encoder = Model.Encoder;
        var batch = encoder.EmbedBatch(Sentences);
        for (var i = 0; i < Sentences.Length; i++)
        {
            Assert.InRange(SentenceEncoder.Cosine(batch[i], encoder.Embed(Sentences[i])), 0.99999, 1.00001);
        }
    }

    [Theory]
    [InlineData("puma")]
    [InlineData("ditto-quant")]
    public void EightSentencesInOnePassMatchTheirOwnRunsAndOnnxRuntimeAtTheRoundsOfOne(string name)
    {
        var model = Model;
        var preset = Presets.Get(name);
        var lengths = Sentences.Select(s => model.Encoder.Tokenize(s).Count).ToArray();
        Assert.True(lengths.Distinct().Count() >= 6, "the sentences should have different lengths");
        var (batch, batchRounds) = Run(model, preset, [new InferenceRequest(Sentences)]);
        var longest = Array.IndexOf(lengths, lengths.Max());
        var (_, singleRounds) = Run(model, preset, [new InferenceRequest([Sentences[longest]])]);
        var (alone, _) = Run(model, preset, [.. Sentences.Select(s => new InferenceRequest([s]))]);

        var embeddings = batch[0].Embeddings!;
        Assert.Equal(Sentences.Length, embeddings.Count);
        for (var i = 0; i < Sentences.Length; i++)
        {
            var own = SentenceEncoder.Cosine(embeddings[i], alone[i].Embeddings![0]);
            var onnx = SentenceEncoder.Cosine(embeddings[i], fixture.MeanPooledReference(model.Encoder, Sentences[i]));
            var ownOnnx = SentenceEncoder.Cosine(alone[i].Embeddings![0], fixture.MeanPooledReference(model.Encoder, Sentences[i]));
            output.WriteLine($"{lengths[i],3} tokens: cosine to its own run {own:F6}, to ONNX Runtime {onnx:F5} (its own run: {ownOnnx:F5})");
            Assert.True(own >= 0.999, $"\"{Sentences[i]}\": cosine {own:F6} to its own run");
            Assert.True(onnx >= 0.99, $"\"{Sentences[i]}\": cosine {onnx:F5} to ONNX Runtime");
        }

        output.WriteLine($"rounds: batch of {Sentences.Length} {batchRounds}, longest sentence alone ({lengths.Max()} tokens) {singleRounds}");
        Assert.True(batchRounds <= 1.05 * singleRounds, $"the batch took {batchRounds} rounds, one sentence {singleRounds}");
    }

    private static (InferenceAnswer[] Answers, long Rounds) Run(LoadedModel model, ModelPreset preset, IReadOnlyList<InferenceRequest> requests) =>
        SecureRuns.RunCounted(model, requests, preset, seed: 3);
}
