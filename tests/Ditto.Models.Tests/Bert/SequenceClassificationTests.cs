using Ditto.Models.Bert;
using Ditto.Models.Hosting;
using Ditto.Models.Tests.Support;
using Ditto.Runtime.Backends;

namespace Ditto.Models.Tests.Bert;

/// <summary>
/// BertForSequenceClassification: loaded from a Hugging Face folder (pooler, classifier, id2label), checked against ONNX
/// Runtime's pooler output for MiniLM over a padded batch of single sentences and pairs, and the loader's errors.
/// </summary>
public sealed class SequenceClassificationTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    /// <summary>Two single sentences and two pairs of different lengths, in one batch.</summary>
    internal static readonly InferenceRequest Request = new(
        ["The movie was wonderful.", "I did not enjoy a single minute of this long and tedious film."],
        Pairs: [new TextPair("A man is playing a guitar.", "Someone makes music."), new TextPair("Who wrote it?", "The book was written by a retired teacher from Leeds.")]);

    /// <summary>
    /// MiniLM's encoder and pooler under a seeded three-way classifier whose logits spread over a unit or so; the seed is
    /// one under which the four inputs get two different labels, three of them by margins above 0.3.
    /// </summary>
    internal static EncoderModel MiniLmClassifier(MiniLmBundle bundle)
    {
        var checkpoint = bundle.Checkpoint;
        var width = checkpoint.Config.HiddenSize;
        var random = new Random(14);
        float[] Normal(int n, double deviation) => [.. Enumerable.Range(0, n).Select(_ => (float)(deviation * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];
        var head = new BertForSequenceClassification
        {
            Bert = checkpoint.Model,
            Pooler = checkpoint.Pooler!,
            ClassifierWeight = new Tensor(Normal(width * 3, 0.3), width, 3),
            ClassifierBias = new Tensor(Normal(3, 0.3), 3),
        };
        var classifier = checkpoint with { Config = checkpoint.Config with { Labels = TinyBertClassifier.Labels }, Classification = head };
        return new EncoderModel("minilm-classifier", "test", classifier, bundle.Tokenizer);
    }

    [Fact]
    public void PairsAreClsFirstSepSecondSepWithTypesZeroThenOne()
    {
        var encoder = new SentenceEncoder(fixture.Bundle.Checkpoint, fixture.Bundle.Tokenizer);
        var (a, b) = (encoder.Tokenize("The cat"), encoder.Tokenize("A dog runs"));
        var pair = encoder.TokenizePair("The cat", "A dog runs");
        Assert.Equal([101, .. a.Skip(1).SkipLast(1), 102, .. b.Skip(1).SkipLast(1), 102], pair.Ids);
        Assert.Equal([101, 1996, 4937, 102], pair.Ids.Take(4));
        Assert.Equal(a.Count, pair.FirstSegment);
    }

    [Fact]
    public void BatchLogitsMatchOnnxRuntimesPoolerUnderTheClassifier()
    {
        var model = MiniLmClassifier(fixture.Bundle);
        var head = model.Checkpoint.Classification!;
        var answer = InferenceProgram.Run(new FloatBackend(Presets.Ditto.Plan), model, Request)!;
        var classes = answer.Classifications!;
        Assert.Null(answer.Embeddings);
        Assert.Equal(4, classes.Count);

        BertTokens[] inputs = [.. Request.Texts.Select(t => BertTokens.Single(model.Encoder.Tokenize(t))), .. Request.Pairs!.Select(p => model.Encoder.TokenizePair(p.First, p.Second))];
        Assert.True(inputs.Select(i => i.Ids.Count).Distinct().Count() == 4, "the inputs should have different lengths, so the batch pads");
        for (var i = 0; i < inputs.Length; i++)
        {
            // ONNX Runtime runs each input alone, unpadded, with its own token types; the head is applied in double.
            var pooled = fixture.RunReference(inputs[i].Ids, inputs[i].FirstSegment).Pooled;
            var expected = Enumerable.Range(0, 3).Select(k => head.ClassifierBias.Data[k] + pooled.Select((p, d) => (double)p * head.ClassifierWeight.Data[(d * 3) + k]).Sum()).ToArray();
            Assert.All(classes[i].Logits.Zip(expected), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-3));
            Assert.Equal(TinyBertClassifier.Labels[Array.IndexOf(expected, expected.Max())], classes[i].Label);
            var softmax = Math.Exp(expected.Max()) / expected.Sum(Math.Exp);
            Assert.InRange(classes[i].Score, softmax - 1e-4, softmax + 1e-4);
        }
    }

    [Fact]
    public void AFolderWithAClassifierLoadsItsHeadAndLabels()
    {
        using var folder = new TempFolder();
        TinyBertClassifier.Write(folder.Path);
        var model = Assert.IsType<EncoderModel>(ModelSources.Load(folder.Path));
        Assert.Equal(TinyBertClassifier.Labels, model.Checkpoint.Labels);
        Assert.NotNull(model.Checkpoint.Classification);
        var answer = InferenceProgram.Run(new FloatBackend(Presets.Ditto.Plan), model, new InferenceRequest(["the cat sits on the mat ."], Pairs: [new TextPair("the dog runs", "a dog is happy")]))!;
        Assert.All(answer.Classifications!, c => Assert.Contains(c.Label, TinyBertClassifier.Labels));
        Assert.All(answer.Classifications!, c => Assert.Equal(3, c.Logits.Length));
        Assert.True(answer.Classifications!.SelectMany(c => c.Logits).Max() - answer.Classifications!.SelectMany(c => c.Logits).Min() > 0.5, "the widened head should spread the logits");

        // The head reads the pooled [CLS] row: the same input padded in a batch gets the same logits as alone.
        var alone = InferenceProgram.Run(new FloatBackend(Presets.Ditto.Plan), model, new InferenceRequest([], Pairs: [new TextPair("the dog runs", "a dog is happy")]))!;
        Assert.All(alone.Classifications![0].Logits.Zip(answer.Classifications![1].Logits), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-5));
    }

    [Fact]
    public void WithoutId2LabelTheLabelsAreHuggingFacesDefaults()
    {
        using var folder = new TempFolder();
        TinyBertClassifier.Write(folder.Path, id2label: null, labels: 2);
        var checkpoint = BertLoader.Load(folder.Path);
        Assert.Equal(["LABEL_0", "LABEL_1"], checkpoint.Labels);
    }

    [Theory]
    [InlineData("{\"0\": \"a\", \"1\": \"b\"}", "classifier.weight", "id2label has 2 labels")]
    [InlineData("{\"0\": \"a\", \"2\": \"b\", \"3\": \"c\"}", "id2label", "has no id 1")]
    [InlineData("{\"zero\": \"a\"}", "id2label", "not an id")]
    [InlineData("{\"0\": 1}", "id2label", "not a string")]
    [InlineData("[\"a\", \"b\", \"c\"]", "id2label", "must be an object")]
    public void ABadHeadOrLabelMapIsAnErrorNamingIt(string id2label, string field, string problem)
    {
        using var folder = new TempFolder();
        TinyBertClassifier.Write(folder.Path, id2label);
        var e = Assert.Throws<ModelFileException>(() => BertLoader.Load(folder.Path));
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AClassifierWithoutAPoolerIsAnErrorNamingBoth()
    {
        using var folder = new TempFolder();
        TinyBertClassifier.Write(folder.Path, withPooler: false);
        var e = Assert.Throws<ModelFileException>(() => BertLoader.Load(folder.Path));
        Assert.Contains("classifier.weight", e.Message, StringComparison.Ordinal);
        Assert.Contains("pooler.dense.weight", e.Message, StringComparison.Ordinal);
    }
}
