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
        var run = CliProcess.Run(Limit, "inspect", model, "--shape", $"oneHotTokens=128x{vocabulary}", "--arg", "length=128", "--preset", preset, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(preset, root.GetProperty("preset").GetString());
        Assert.Contains(planPart, root.GetProperty("plan").GetString(), StringComparison.Ordinal);
        var estimate = root.GetProperty("estimate");
        Assert.Equal("Forward", estimate.GetProperty("method").GetString());
        Assert.True(estimate.GetProperty("bytes").GetInt64() > 1_000_000_000, estimate.GetProperty("bytes").ToString());
        var layerTypes = estimate.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("layerType").GetString()).ToHashSet();
        Assert.Contains("softmax", layerTypes);
        Assert.Contains("layernorm", layerTypes);
        Assert.Contains("embedding", layerTypes);
    }

    [Fact]
    public void AnUnknownPresetIsRefusedNamingThePresets()
    {
        var run = CliProcess.Run(Limit, "inspect", "BertModel", "--preset", "spu");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ditto-quant", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--preset", "puma", "--plan", "Linear=32:10")]
    [InlineData("--plan", "puma,Linear=32:10")]
    public void PresetAndPlanMeanWhatTheyMeanInRun(params string[] options)
    {
        // --preset names the preset and --plan overrides its precisions, as in `ditto run` and `ditto bench`; a preset
        // named first in --plan is the shorthand for both.
        var run = CliProcess.Run(Limit, ["inspect", "BertLayer", .. options, "--json"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("puma", json.RootElement.GetProperty("preset").GetString());
        var plan = json.RootElement.GetProperty("plan").GetString()!;
        Assert.Contains("Linear=fxp32.10", plan, StringComparison.Ordinal);
        Assert.Contains("NonLinear=fxp64.18", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void InspectListsThePresetsSubstitutionsAndTheHeadroomOfTheResolvedPlan()
    {
        // Linear=32:14 leaves 28 fraction bits in a product: every matmul of BertModel breaks the rule with its real K.
        var run = CliProcess.Run(Limit, "inspect", "BertModel", "--plan", "ditto,Linear=32:14", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var substitutions = json.RootElement.GetProperty("substitutions").EnumerateArray().ToList();
        Assert.Contains(substitutions, s => s.GetProperty("op").GetString() == "Gelu(Erf)" && s.GetProperty("changesMeaning").GetBoolean());
        Assert.Contains(substitutions, s => s.GetProperty("op").GetString() == "Softmax" && !s.GetProperty("changesMeaning").GetBoolean());
        var headroom = json.RootElement.GetProperty("estimate").GetProperty("headroom").EnumerateArray().Select(h => h.GetProperty("problem").GetString()!).ToList();
        Assert.Contains(headroom, h => h.Contains("fxp32.14 × fxp32.14 over K = 768", StringComparison.Ordinal));
        Assert.Contains(headroom, h => h.Contains("fxp32.14 × fxp32.14 over K = 3072", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("matmul", 32, "128x768x768", 128 * 768 * 4)]
    [InlineData("matmul", 64, "128x768x768", 128 * 768 * 8)]
    [InlineData("mul", 64, "4096", 4096 * 8)]
    public void TheFoundationMicrobenchesPrintTheirFieldsAndExactCosts(string op, int ring, string shape, long bytesPerParty)
    {
        // A product of secrets sends k bits per output element from each party in one round.
        var run = CliProcess.Run(Limit, "microbench", op, "--ring", ring.ToString(System.Globalization.CultureInfo.InvariantCulture), "--shape", shape, "--repetitions", "1", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(op, root.GetProperty("op").GetString());
        Assert.Equal(ring, root.GetProperty("ring").GetInt32());
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        Assert.Equal([bytesPerParty, bytesPerParty, bytesPerParty], root.GetProperty("bytesPerParty").EnumerateArray().Select(b => b.GetInt64()));
        Assert.Equal(1, root.GetProperty("rounds").GetInt64());
        Assert.Equal(0, root.GetProperty("aheadRounds").GetInt64());
        Assert.InRange(root.GetProperty("maxAbsError").GetDouble(), 0, 0.01);
        Assert.InRange(root.GetProperty("meanAbsError").GetDouble(), 0, root.GetProperty("maxAbsError").GetDouble());
        Assert.True(root.TryGetProperty("elements", out _));
        Assert.True(root.TryGetProperty("shape", out _));
    }

    [Fact]
    public void TheTruncationMicrobenchIsWithinOneUnitInTheLastPlace()
    {
        var run = CliProcess.Run(Limit, "microbench", "trunc", "--ring", "32", "--shape", "65536", "--repetitions", "1", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.InRange(json.RootElement.GetProperty("maxAbsError").GetDouble(), 0, 1.0 / 256);
        Assert.True(json.RootElement.GetProperty("rounds").GetInt64() <= 2);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void TheExactlyRoundedTruncationCostsTheTruncationPlusTheCorrection(int ring)
    {
        // The correction before a reveal: one MSB and one bit injected, on top of the truncation (docs/protocols.md).
        string[] args(string op) => ["microbench", op, "--ring", ring.ToString(System.Globalization.CultureInfo.InvariantCulture), "--shape", "4096", "--repetitions", "1", "--json"];
        var plain = CliProcess.Run(Limit, args("trunc"));
        var exact = CliProcess.Run(Limit, args("trunc-exact"));
        Assert.True(plain.ExitCode == 0, plain.Stderr);
        Assert.True(exact.ExitCode == 0, exact.Stderr);
        using var a = JsonDocument.Parse(plain.Stdout);
        using var b = JsonDocument.Parse(exact.Stdout);
        var correction = Ditto.Runtime.Protocols.Conversion.ExactRounding.Cost(ring, 4096);
        Assert.Equal(a.RootElement.GetProperty("bytesTotal").GetInt64() + (long)correction.Bytes, b.RootElement.GetProperty("bytesTotal").GetInt64());
        // Rounds: at most the sum; the correction's first messages can overlap the truncation's reshare, and its
        // injection the MSB's last round, depending on the parties' roles.
        Assert.InRange(b.RootElement.GetProperty("rounds").GetInt64(), correction.Rounds - 1, a.RootElement.GetProperty("rounds").GetInt64() + correction.Rounds);
        Assert.InRange(b.RootElement.GetProperty("maxAbsError").GetDouble(), 0, ring == 32 ? 1.0 / 256 : 1.0 / 262144);
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
