using System.Text.Json;

namespace Ditto.Cli.Tests;

/// <summary>
/// `ditto inspect` on the real models (BERT-base and GPT-2 small from placeholder weights, under the presets) and the
/// microbench cases this branch added: the exact upcast and the FFN block's JSON and table outputs.
/// </summary>
public sealed class InspectAndMicrobenchTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData("BertModel", "ditto", "Activation=fxp32.8")]
    [InlineData("BertModel", "puma", "Activation=fxp64.18")]
    [InlineData("Gpt2Model", "ditto-quant", "Activation=fxp64.18")]
    [InlineData("Gpt2Model", "mpcformer", "Linear=fxp64.18")]
    public void InspectPricesTheRealModelsUnderEveryPreset(string model, string preset, string planPart)
    {
        var vocabulary = model == "BertModel" ? 30522 : 50257;
        var run = CliProcess.Run(Limit, "inspect", model, "--shape", $"oneHotTokens=128x{vocabulary}", "--arg", "length=128", "--plan", preset, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(preset, root.GetProperty("preset").GetString());
        Assert.Contains(planPart, root.GetProperty("plan").GetString(), StringComparison.Ordinal);
        var estimate = root.GetProperty("estimate");
        Assert.Equal("Forward", estimate.GetProperty("method").GetString());
        Assert.True(estimate.GetProperty("bytes").GetInt64() > 1_000_000_000, estimate.GetProperty("bytes").ToString());
        var operations = estimate.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("operation").GetString()).ToHashSet();
        Assert.Contains(model == "BertModel" ? "Softmax" : "CausalSoftmax", operations);
        Assert.Contains("LayerNorm", operations);
        Assert.Contains("MatMulPrivate", operations);
    }

    [Fact]
    public void AnUnknownPresetIsRefusedNamingThePresets()
    {
        var run = CliProcess.Run(Limit, "inspect", "BertModel", "--plan", "spu");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ditto-quant", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TheExactUpcastMicrobenchReportsItsCost()
    {
        var run = CliProcess.Run(Limit, "microbench", "upcast-exact", "--shape", "4096", "--repetitions", "1", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(38.875, json.RootElement.GetProperty("bytesPerElement").GetDouble());
        Assert.Equal(7, json.RootElement.GetProperty("rounds").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("maxAbsError").GetDouble());
    }

    [Fact]
    public void TheFfnBlockPrintsJsonWithJsonAndATableWithout()
    {
        var json = CliProcess.Run(Limit, "microbench", "ffn-block", "--shape", "8x32x64", "--repetitions", "1", "--json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(4, doc.RootElement.GetProperty("plans").GetArrayLength());
        Assert.All(doc.RootElement.GetProperty("plans").EnumerateArray(), p => Assert.Contains("LayerNorm", p.GetProperty("notes").GetString(), StringComparison.Ordinal));

        var table = CliProcess.Run(Limit, "microbench", "ffn-block", "--shape", "8x32x64", "--repetitions", "1");
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.DoesNotContain("{", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("ring64", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("ring32", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("faster", table.Stdout, StringComparison.Ordinal);
    }
}
