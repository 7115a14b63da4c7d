using Ditto.Models.Bert;
using Ditto.Models.Configs;
using Ditto.Models.Gpt2;
using Ditto.Models.Inputs;
using Ditto.Models.Synthetic;
using Ditto.Models.Tests.Support;
using Ditto.Models.Tokenizers;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Description;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Tensors;
using Xunit.Abstractions;

namespace Ditto.Models.Tests.Synthetic;

/// <summary>
/// What `ditto inspect` prices: BERT-base and GPT-2 small built from placeholder weights by the real loaders (so every
/// shape is checked against the config), listed in the catalog with inspection samples; and the cost estimate of a real
/// model equals the bytes the three parties send when it runs.
/// </summary>
public sealed class PlaceholderModelTests(ITestOutputHelper output)
{
    [Fact]
    public void BertBaseAndGpt2SmallHaveTheirPublishedParameterCounts()
    {
        // bert-base-uncased has 109,482,240 parameters with its pooler (768·768 + 768 = 590,592), which the encoder omits.
        var bert = BertStateDict.Placeholders(BertConfig.Base).Model;
        Assert.Equal(109_482_240 - 590_592, Weights(bert).Sum(w => (long)w.Length));
        Assert.All(Weights(bert), w => Assert.False(w.HasData));

        // GPT-2 small: 124,439,808 (the LM head is tied to wte).
        var gpt2 = Gpt2StateDict.Placeholders(Gpt2Config.Small).Model;
        Assert.Equal(124_439_808, Weights(gpt2).Sum(w => (long)w.Length));
    }

    [Fact]
    public void TheCatalogOffersBertAndGpt2WithSamples()
    {
        var catalog = ModelCatalog.FromAssemblies(typeof(BertModel).Assembly);
        foreach (var (name, shape, arguments) in new[] { ("BertModel", "128x30522", "length=128"), ("Gpt2Model", "128x50257", "length=128"), ("BertLayer", "128x768", string.Empty), ("Gpt2Block", "128x768", string.Empty) })
        {
            var entry = catalog.Single(e => e.Name == name);
            Assert.Equal(shape, entry.SampleShapes.Single().Value.ToString());
            Assert.Equal(arguments, entry.SampleArguments);
            Assert.NotNull(entry.CreateInstance());
        }
    }

    [Fact]
    public void TheEstimateOfBertBaseUsesTheThreePrecisionsOfEachPreset()
    {
        var entry = ModelCatalog.FromAssemblies(typeof(BertModel).Assembly).Single(e => e.Name == "BertModel");
        var method = entry.Description.Method("Forward");
        var shapes = new Dictionary<string, TensorShape> { ["oneHotTokens"] = new(128, 30522) };
        var arguments = new Dictionary<string, object?> { ["length"] = 128 };
        var estimates = Presets.All.ToDictionary(p => p.Name, p => CostEstimator.Estimate(method, entry.CreateInstance(), shapes, p.Plan, p.Approximations, arguments));
        foreach (var (name, estimate) in estimates)
        {
            output.WriteLine($"{name}: {estimate.Bytes:N0} B, {estimate.Rounds} rounds");
        }

        // Weight sharing: every weight once in its format. Under puma all of them are 64-bit (16 B per weight); under ditto
        // the matmul weights of the layers are shared in the 32-bit ring (8 B).
        Assert.Equal(16L * (109_482_240 - 590_592), estimates["puma"].Rows.Single(r => r.Scope == "weights").Bytes);
        Assert.True(estimates["ditto"].Bytes < estimates["ditto-quant"].Bytes);
        Assert.True(estimates["ditto-quant"].Bytes < estimates["puma"].Bytes);
        Assert.Contains(estimates["ditto"].Rows, r => r.LayerType == CostCategories.Gelu);
    }

    [Fact]
    public void TheEstimateOfTinyGpt2EqualsTheBytesItsSecureRunSends()
    {
        var gpt2 = TestData.Gpt2("tiny-gpt2");
        var preset = Presets.Ditto;
        var ids = new[] { 464, 2068, 7586, 21831, 18045, 625 };
        var oneHot = OneHot.Encode(ids, gpt2.Config.VocabSize);
        var method = Gpt2Model.ModelDescription.Method("Forward");
        var estimate = CostEstimator.Estimate(method, gpt2.Model, new Dictionary<string, TensorShape> { ["oneHotTokens"] = oneHot.Shape }, preset.Plan, preset.Approximations,
            new Dictionary<string, object?> { ["length"] = ids.Length });
        var session = InProcessSession.Run(party =>
        {
            var backend = BackendFactory.Mpc(party, preset.Plan, preset.Approximations);
            var (ring, fraction) = method.Parameters[0].Format!.Resolve(preset.Plan);
            var x = backend.Input(party.Id == backend.ClientId ? oneHot : null, oneHot.Shape, new Runtime.FixedPoint.FixedPointFormat(ring, fraction), backend.ClientId);
            var y = (Value)method.Invoke(gpt2.Model, backend, [x, ids.Length])!;
            return backend.Reveal(y, backend.ClientId)?.Length;
        }, new SessionOptions { Seed = 3, ReceiveTimeout = TimeSpan.FromSeconds(120) });
        var measured = session.Report.Operations.Where(r => r.Name != "setup").Sum(r => r.BytesTotal);
        output.WriteLine($"estimate {estimate.Bytes:N0} B, measured {measured:N0} B");
        Assert.Equal(measured, estimate.Bytes);
    }

    private static IEnumerable<Tensor> Weights(BertModel m) =>
        new[] { m.Embeddings.Words, m.Embeddings.Positions, m.Embeddings.TokenTypes, m.Embeddings.Norm.Weight, m.Embeddings.Norm.Bias }
            .Concat(m.Layers.SelectMany(l => new[]
            {
                l.Attention.Query.Weight, l.Attention.Query.Bias, l.Attention.Key.Weight, l.Attention.Key.Bias, l.Attention.Value.Weight, l.Attention.Value.Bias,
                l.Attention.Output.Weight, l.Attention.Output.Bias, l.AttentionNorm.Weight, l.AttentionNorm.Bias,
                l.FeedForward.Up.Weight, l.FeedForward.Up.Bias, l.FeedForward.Down.Weight, l.FeedForward.Down.Bias, l.OutputNorm.Weight, l.OutputNorm.Bias,
            }));

    private static IEnumerable<Tensor> Weights(Gpt2Model m) =>
        new[] { m.TokenEmbeddings, m.PositionEmbeddings, m.FinalNorm.Weight, m.FinalNorm.Bias }
            .Concat(m.Blocks.SelectMany(b => new[]
            {
                b.Norm1.Weight, b.Norm1.Bias, b.QueryKeyValueProjection.Weight, b.QueryKeyValueProjection.Bias, b.OutputProjection.Weight, b.OutputProjection.Bias,
                b.Norm2.Weight, b.Norm2.Bias, b.Mlp.Up.Weight, b.Mlp.Up.Bias, b.Mlp.Down.Weight, b.Mlp.Down.Bias,
            }));
}
