using System.Text.Json;
using Ditto.Models.Tests.Support;

namespace Ditto.Cli.Tests;

/// <summary>
/// `ditto run` on a BertForSequenceClassification folder: texts and `--pair`s in one batch, labels from id2label beside
/// float's, the same answer from three party processes; malformed `--pair` and pairs for a decoder are clear errors.
/// </summary>
public sealed class ClassificationRunTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly string _folder = Directory.CreateTempSubdirectory("ditto-classifier-").FullName;

    public ClassificationRunTests() => TinyBertClassifier.Write(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TextsAndPairsGetLabelsBesideFloatInProcessAndInProcesses()
    {
        string[] arguments = ["run", "--model", _folder, "--text", "the cat sits on the mat .", "--pair", "the dog runs", "a dog is happy", "--pair", "what is it ?", "it is a very good film !", "--preset", "puma", "--seed", "3", "--json"];
        var local = CliProcess.Run(Limit, arguments);
        Assert.True(local.ExitCode == 0, local.Stderr);
        using var json = JsonDocument.Parse(local.Stdout);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("pairs").GetArrayLength());
        var secure = root.GetProperty("classifications").EnumerateArray().ToArray();
        var plain = root.GetProperty("plaintextClassifications").EnumerateArray().ToArray();
        Assert.Equal(3, secure.Length);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("embeddings").ValueKind);
        for (var i = 0; i < secure.Length; i++)
        {
            var s = secure[i].GetProperty("logits").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var p = plain[i].GetProperty("logits").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(TinyBertClassifier.Labels.Length, s.Length);
            Assert.Contains(secure[i].GetProperty("label").GetString(), TinyBertClassifier.Labels);

            // puma's fxp64.18 on a 2-layer model of width 32: the logits agree to well under a hundredth (the bound), and
            // the label is float's wherever float decides by more than twice that.
            Assert.All(s.Zip(p), v => Assert.InRange(Math.Abs(v.First - v.Second), 0, 0.01));
            var sorted = p.OrderDescending().ToArray();
            if (sorted[0] - sorted[1] > 0.02)
            {
                Assert.Equal(plain[i].GetProperty("label").GetString(), secure[i].GetProperty("label").GetString());
            }
        }

        // Three party processes: the pairs travel in the run job's arguments and the answer back, bit for bit.
        var remote = CliProcess.Run(Limit, [.. arguments, "--processes"]);
        Assert.True(remote.ExitCode == 0, remote.Stderr);
        using var other = JsonDocument.Parse(remote.Stdout);
        Assert.Equal(root.GetProperty("classifications").ToString(), other.RootElement.GetProperty("classifications").ToString());
        Assert.Equal(root.GetProperty("rounds").GetInt64(), other.RootElement.GetProperty("rounds").GetInt64());
    }

    [Fact]
    public void APairWithOneTextIsAnErrorNamingTheOption()
    {
        var run = CliProcess.Run(Limit, "run", "--model", _folder, "--pair", "only one text", "--json");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--pair", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("two by two", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PairsForADecoderAreAnErrorSayingSo()
    {
        var model = Path.Combine(DemoProcessesTests.RepositoryRoot(), "models", "tiny-gpt2");
        var run = CliProcess.Run(Limit, "run", "--model", model, "--pair", "a", "b", "--generate", "1");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("decoder", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("pairs", run.Stderr, StringComparison.Ordinal);
    }
}
