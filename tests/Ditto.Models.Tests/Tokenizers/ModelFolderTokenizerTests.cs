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

    [Theory]
    [InlineData("tiny-gpt2")]
    [InlineData("tiny-llama")]
    public void AChangedMergesFileChangesTheIds(string name)
    {
        // Without the first merge ("Ġ t") every " t…" word is spelled differently.
        CopyTokenizer(name);
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
    [InlineData("vocab.json beside tokenizer.json, merges missing", "merges.txt", "or a tokenizer.json instead of both")]
    [InlineData("empty tokenizer.json", "tokenizer.json", "is empty")]
    [InlineData("WordPiece tokenizer.json", "tokenizer.json", "model.type")]
    [InlineData("Metaspace tokenizer.json", "tokenizer.json", "pre_tokenizer.type")]
    [InlineData("custom split tokenizer.json", "tokenizer.json", "pre_tokenizer.type")]
    [InlineData("bad merge in tokenizer.json", "tokenizer.json", "model.merges[1]")]
    [InlineData("foreign merge in tokenizer.json", "tokenizer.json", "do not belong together")]
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
            case "vocab.json beside tokenizer.json, merges missing":
                File.Delete(merges);
                File.WriteAllText(Path.Combine(_folder, "tokenizer.json"), "{}");
                break;
            default:
                WriteTokenizerJson(damage);
                File.Delete(vocab);
                File.Delete(merges);
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

    [Fact]
    public void AMergesFileWithoutTheVersionHeaderKeepsItsFirstMerge()
    {
        CopyTokenizer("tiny-llama");
        var withHeader = ByteLevelBpeFiles.Load(_folder, Gpt2Vocabulary).EncodeToIds(" the tree");
        var merges = Path.Combine(_folder, "merges.txt");
        File.WriteAllLines(merges, File.ReadAllLines(merges).Where(l => !l.StartsWith("#version", StringComparison.Ordinal)));
        Assert.Equal(withHeader, ByteLevelBpeFiles.Load(_folder, Gpt2Vocabulary).EncodeToIds(" the tree"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ATokenizerJsonWithTheSameBpeGivesTheSameIds(bool pairMerges)
    {
        // The tiny LLaMA's vocab.json and merges.txt rewritten as one tokenizer.json, merges as "a b" or ["a", "b"].
        CopyTokenizer("tiny-llama");
        var expected = TestData.Expected("tiny-llama");
        var fromFiles = ByteLevelBpeFiles.Load(_folder, Gpt2Vocabulary);
        WriteTokenizerJson(pairMerges ? "pair merges" : "string merges");
        File.Delete(Path.Combine(_folder, "vocab.json"));
        File.Delete(Path.Combine(_folder, "merges.txt"));
        var fromJson = ByteLevelBpeFiles.Load(_folder, Gpt2Vocabulary);
        var eval = File.ReadAllText(Path.Combine(TestData.ModelFolder("tiny-llama"), "eval.txt"));
        Assert.Equal(fromFiles.EncodeToIds(eval), fromJson.EncodeToIds(eval));
        Assert.All(expected.Prompts, p => Assert.Equal(p.InputIds, fromJson.EncodeToIds(p.Text)));
    }

    /// <summary>tokenizer.json from the copied vocab.json and merges.txt, in the form (or with the damage) named.</summary>
    private void WriteTokenizerJson(string form)
    {
        var vocab = File.ReadAllText(Path.Combine(_folder, "vocab.json"));
        var merges = File.ReadAllLines(Path.Combine(_folder, "merges.txt")).Where(l => l.Length > 0 && !l.StartsWith("#version", StringComparison.Ordinal)).ToList();
        if (form == "foreign merge in tokenizer.json")
        {
            merges.Add("Ġzzqx Ġqqzx");
        }

        var mergeItems = form == "pair merges"
            ? merges.Select(m => m.Split(' ')).Select(p => $"[{System.Text.Json.JsonSerializer.Serialize(p[0])}, {System.Text.Json.JsonSerializer.Serialize(p[1])}]")
            : merges.Select((m, i) => form == "bad merge in tokenizer.json" && i == 1 ? "42" : System.Text.Json.JsonSerializer.Serialize(m));
        var type = form == "WordPiece tokenizer.json" ? "WordPiece" : "BPE";
        var pre = form switch
        {
            "Metaspace tokenizer.json" => "{\"type\": \"Metaspace\", \"replacement\": \"▁\"}",
            "custom split tokenizer.json" => "{\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"Split\"}, {\"type\": \"ByteLevel\", \"use_regex\": false}]}",
            _ => "{\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true, \"use_regex\": true}",
        };
        var json = form == "empty tokenizer.json"
            ? string.Empty
            : $"{{\"version\": \"1.0\", \"pre_tokenizer\": {pre}, \"model\": {{\"type\": \"{type}\", \"vocab\": {vocab}, \"merges\": [{string.Join(", ", mergeItems)}]}}}}";
        File.WriteAllText(Path.Combine(_folder, "tokenizer.json"), json);
    }

    private void CopyTokenizer(string name = "tiny-gpt2")
    {
        foreach (var file in new[] { "vocab.json", "merges.txt" })
        {
            File.Copy(Path.Combine(TestData.ModelFolder(name), file), Path.Combine(_folder, file));
        }
    }
}
