using Ditto.Models.Bert;
using Ditto.Models.Hosting;
using Ditto.Models.Inference;
using Ditto.Models.Tests.Support;
using Ditto.Runtime.Backends;

namespace Ditto.Models.Tests.Inference;

/// <summary>
/// SecureEncoder and SecureGenerator: the same answers as the pieces they are built from, cancellation that stops the
/// parties, and disposal that waits for them.
/// </summary>
public sealed class HighLevelApiTests
{
    private static readonly string TinyGpt2 = TestData.ModelFolder("tiny-gpt2-quad");

    [Fact]
    public async Task GenerateAsyncContinuesThePromptAsTheFloatTwinDoes()
    {
        await using var generator = SecureGenerator.FromFolder(TinyGpt2, "ditto", new SecureRunOptions { Seed = 3 });
        // A robust prompt of the model's expected.json (float top-2 gaps of 0.47 or more along its path).
        const string prompt = "Any runtime registered by following";
        var secure = await generator.GenerateAsync(prompt, 3);
        var plain = InferenceProgram.Run(new FloatBackend(generator.Preset.Plan), generator.Model, new InferenceRequest([prompt], 3))!;
        Assert.Equal(plain.Tokens, secure.Tokens);
        Assert.Equal(generator.Decoder.Tokenizer.Decode(plain.Tokens!), secure.Text);
        Assert.True(secure.Cost.Total.Rounds > 0);
    }

    [Fact]
    public async Task EmbedAsyncGivesUnitVectorsCloseToTheFloatEmbeddings()
    {
        await using var encoder = SecureEncoder.FromFolder(ModelSources.MiniLm, "puma", new SecureRunOptions { Seed = 4 });
        string[] texts = ["A man is eating food.", "The girl is carrying a baby."];
        var secure = await encoder.EmbedAsync(texts);
        var plain = InferenceProgram.Run(new FloatBackend(encoder.Preset.Plan), encoder.Model, new InferenceRequest(texts))!.Embeddings!;
        Assert.Equal(2, secure.Vectors.Count);
        // puma on MiniLM: cosine at least 0.99 (SecureMiniLmTests' bound).
        Assert.All(secure.Vectors.Zip(plain, SentenceEncoder.Cosine), c => Assert.True(c >= 0.99, $"cosine {c}"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => encoder.ClassifyAsync(texts));
    }

    [Fact]
    public async Task CancellingAGenerationStopsItsPartiesWithOperationCanceled()
    {
        await using var generator = SecureGenerator.FromFolder(TinyGpt2, "ditto");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync("Any runtime registered by following", 200, cancel.Token));
        // 200 tokens take minutes; the parties stop at their next message after the cancellation.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"cancellation took {watch.Elapsed}");
    }

    [Fact]
    public async Task DisposingWaitsForTheCallsInFlightAndRefusesNewOnes()
    {
        var generator = SecureGenerator.FromFolder(TinyGpt2, "ditto");
        var call = generator.GenerateAsync("Any runtime registered by following", 200);
        await Task.Delay(200);
        await generator.DisposeAsync();
        // The session has stopped when DisposeAsync returns; the caller's task completes right after, cancelled.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync("Any", 1));
    }

    [Fact]
    public void AFolderOfTheOtherKindIsRefusedNamingTheRightClass()
    {
        var e = Assert.Throws<ArgumentException>(() => SecureEncoder.FromFolder(TinyGpt2));
        Assert.Contains("SecureGenerator", e.Message, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => SecureGenerator.FromFolder(TinyGpt2, "no-such-preset"));
    }
}
