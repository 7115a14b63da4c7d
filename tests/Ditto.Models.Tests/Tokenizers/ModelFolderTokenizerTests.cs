using System.Text;
using Ditto.Models.Hosting;
using Ditto.Models.Tests.Support;
using Ditto.Models.Tokenizers;

namespace Ditto.Models.Tests.Tokenizers;

/// <summary>
/// Tokenizers come from the model folder's own files: GPT-2's byte-level BPE from vocab.json and merges.txt, BERT's
/// casing from tokenizer_config.json. Missing, empty, corrupt or mismatched files are errors that name the file.
/// </summary>
public sealed class ModelFolderTokenizerTests : IDisposable
{
    private const int Gpt2Vocabulary = 50257;
    private readonly string _folder = Directory.CreateTempSubdirectory("ditto-tokenizer-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("tiny-gpt2")]
    [InlineData("tiny-gpt2-quad")]
    public void TheFolderFilesGiveTheExpectedIdsAndGpt2sIdsOnTheWholeEvalText(string name)
    {
        var folder = TestData.ModelFolder(name);
        var tokenizer = ByteLevelBpeFiles.Load(folder, Gpt2Vocabulary);
        var expected = TestData.Expected(name);
        Assert.All(expected.Prompts.Concat(expected.RobustPrompts), p => Assert.Equal(p.InputIds, tokenizer.EncodeToIds(p.Text)));

        var eval = File.ReadAllText(Path.Combine(folder, "eval.txt"));
        var ids = tokenizer.EncodeToIds(eval);
        Assert.Equal(expected.EvalTokens, ids.Count);
        Assert.Equal(ModelTokenizers.Gpt2().EncodeToIds(eval), ids);
        Assert.Equal(eval, tokenizer.Decode(ids));
    }

    [Fact]
    public void ModelSourcesUseTheFoldersTokenizer()
    {
        var model = Assert.IsType<DecoderModel>(ModelSources.Load(TestData.ModelFolder("tiny-gpt2"), shapesOnly: true));
        Assert.Equal([15496, 995], model.Tokenizer.EncodeToIds("Hello world"));
        Assert.IsNotType<Microsoft.ML.Tokenizers.TiktokenTokenizer>(model.Tokenizer);
    }

    [Fact]
    public void AChangedMergesFileChangesTheIds()
    {
        // Without the first merge ("Ġ t") every " t…" word is spelled differently.
        CopyTokenizer();
        var original = ByteLevelBpeFiles.Load(_folder, Gpt2Vocabulary).EncodeToIds(" the tree");
        var merges = File.ReadAllLines(Path.Combine(_folder, "merges.txt")).Where(l => l != "Ġ t").ToArray();
        File.WriteAllLines(Path.Combine(_folder, "merges.txt"), merges);
        var changed = ByteLevelBpeFiles.Load(_folder, Gpt2Vocabulary).EncodeToIds(" the tree");
        Assert.NotEqual(original, changed);
    }

    [Theory]
    [InlineData("missing vocab", "vocab.json", "needs its byte-level BPE files")]
    [InlineData("missing merges", "merges.txt", "needs its byte-level BPE files")]
    [InlineData("empty vocab", "vocab.json", "is empty")]
    [InlineData("corrupt vocab", "vocab.json", "is not a JSON object")]
    [InlineData("id beyond the model", "vocab.json", "outside the model's vocabulary of 50257")]
    [InlineData("no byte symbols", "vocab.json", "lacks this byte symbol")]
    [InlineData("empty merges", "merges.txt", "holds no merges")]
    [InlineData("malformed merge", "merges.txt", "is not two tokens")]
    [InlineData("foreign merge", "merges.txt", "do not belong together")]
    [InlineData("only tokenizer.json", "vocab.json", "tokenizer.json, which Ditto does not read")]
    public void BadTokenizerFilesAreErrorsNamingTheFile(string damage, string file, string message)
    {
        CopyTokenizer();
        var vocab = Path.Combine(_folder, "vocab.json");
        var merges = Path.Combine(_folder, "merges.txt");
        switch (damage)
        {
            case "missing vocab": File.Delete(vocab); break;
            case "missing merges": File.Delete(merges); break;
            case "empty vocab": File.WriteAllBytes(vocab, []); break;
            case "corrupt vocab": File.WriteAllText(vocab, "{\"a\": 1, "); break;
            case "id beyond the model": File.WriteAllText(vocab, File.ReadAllText(vocab).Replace("\"!\": 0", "\"!\": 60000", StringComparison.Ordinal)); break;
            case "no byte symbols": File.WriteAllText(vocab, "{\"hello\": 0}"); break;
            case "empty merges": File.WriteAllText(merges, "#version: 0.2\n"); break;
            case "malformed merge": File.AppendAllText(merges, "a b c\n"); break;
            case "foreign merge": File.AppendAllText(merges, "Ġzzqx Ġqqzx\n"); break;
            case "only tokenizer.json":
                File.Delete(vocab);
                File.WriteAllText(Path.Combine(_folder, "tokenizer.json"), "{}");
                break;
        }

        var e = Assert.Throws<ModelFileException>(() => ByteLevelBpeFiles.Load(_folder, Gpt2Vocabulary));
        Assert.Equal(file, Path.GetFileName(e.FilePath));
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "hello")]
    [InlineData("{\"do_lower_case\": true}", "hello")]
    [InlineData("{\"do_lower_case\": false}", "Hello")]
    public void BertCasingComesFromTheTokenizerConfig(string? config, string expectedToken)
    {
        string[] tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "Hello", "world", "café", "cafe"];
        File.WriteAllText(Path.Combine(_folder, "vocab.txt"), string.Join('\n', tokens) + "\n", new UTF8Encoding(false));
        if (config is not null)
        {
            File.WriteAllText(Path.Combine(_folder, "tokenizer_config.json"), config);
        }

        var tokenizer = ModelTokenizers.BertFromFolder(_folder);
        var ids = tokenizer.EncodeText("Hello world café");
        var cased = expectedToken == "Hello";
        Assert.Equal([2, Array.IndexOf(tokens, expectedToken), 7, Array.IndexOf(tokens, cased ? "café" : "cafe"), 3], ids);
    }

    [Theory]
    [InlineData("{\"do_lower_case\": \"no\"}", "do_lower_case")]
    [InlineData("{not json", "not valid JSON")]
    public void ACorruptTokenizerConfigIsAnErrorNamingIt(string config, string message)
    {
        File.WriteAllText(Path.Combine(_folder, "vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\n");
        File.WriteAllText(Path.Combine(_folder, "tokenizer_config.json"), config);
        var e = Assert.Throws<ModelFileException>(() => ModelTokenizers.BertFromFolder(_folder));
        Assert.Equal("tokenizer_config.json", Path.GetFileName(e.FilePath));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyBertVocabularyIsAnErrorNamingIt()
    {
        File.WriteAllBytes(Path.Combine(_folder, "vocab.txt"), []);
        var e = Assert.Throws<ModelFileException>(() => ModelTokenizers.BertFromFolder(_folder));
        Assert.Contains("vocab.txt", e.Message, StringComparison.Ordinal);
    }

    private void CopyTokenizer()
    {
        foreach (var file in new[] { "vocab.json", "merges.txt" })
        {
            File.Copy(Path.Combine(TestData.ModelFolder("tiny-gpt2"), file), Path.Combine(_folder, file));
        }
    }
}
