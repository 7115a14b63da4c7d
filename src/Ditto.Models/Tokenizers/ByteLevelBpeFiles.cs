using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace Ditto.Models.Tokenizers;

/// <summary>
/// A byte-level BPE tokenizer (GPT-2's algorithm) from a model folder's own vocab.json and merges.txt, checked before use:
/// both files present and non-empty, the vocabulary a JSON object of token → id with every id below the model's
/// vocabulary size and all 256 byte symbols present, every merge two tokens of the vocabulary whose concatenation is one
/// too. A folder without those two files but with a Hugging Face tokenizer.json is read from it when that file describes
/// the same tokenizer: a "BPE" model under GPT-2's byte-level pre-tokenizer (other kinds are refused by field, since their
/// ids would differ; docs/models.md, tokenizers). Encoding is
/// Microsoft.ML.Tokenizers' <see cref="CodeGenTokenizer"/> (GPT-2's pre-tokenisation and byte mapping), with no BOS or
/// EOS added and no prefix space, as GPT-2 does.
/// </summary>
public static class ByteLevelBpeFiles
{
    /// <summary>The vocabulary's file name in a Hugging Face folder.</summary>
    public const string VocabFile = "vocab.json";

    /// <summary>The merges' file name in a Hugging Face folder.</summary>
    public const string MergesFile = "merges.txt";

    /// <summary>The single-file tokenizer's name in a Hugging Face folder.</summary>
    public const string TokenizerFile = "tokenizer.json";

    /// <summary>Loads and checks the folder's tokenizer for a model with <paramref name="vocabSize"/> token ids.</summary>
    public static Tokenizer Load(string folder, int vocabSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var vocabPath = Path.Combine(folder, VocabFile);
        var mergesPath = Path.Combine(folder, MergesFile);
        var tokenizerPath = Path.Combine(folder, TokenizerFile);
        if (!File.Exists(vocabPath) && !File.Exists(mergesPath) && File.Exists(tokenizerPath))
        {
            var (vocabJson, mergesText) = TokenizerJson.ReadByteLevelBpe(tokenizerPath);
            return Create(tokenizerPath, vocabJson, tokenizerPath, mergesText, vocabSize);
        }

        foreach (var path in new[] { vocabPath, mergesPath })
        {
            if (!File.Exists(path))
            {
                throw new ModelFileException(path, null, "a GPT-2-style model folder needs its byte-level BPE files vocab.json and merges.txt (or a tokenizer.json instead of both)");
            }
        }

        return Create(vocabPath, File.ReadAllBytes(vocabPath), mergesPath, File.ReadAllBytes(mergesPath), vocabSize);
    }

    private static Tokenizer Create(string vocabPath, byte[] vocabBytes, string mergesPath, byte[] mergesBytes, int vocabSize)
    {
        var vocab = ReadVocabulary(vocabPath, vocabBytes, vocabSize);
        CheckMerges(mergesPath, mergesBytes, vocab);
        using var vocabStream = new MemoryStream(vocabBytes);
        // CodeGenTokenizer skips the first line of merges as the "#version" header, whether it is one or not.
        using var mergesStream = new MemoryStream(HasVersionHeader(mergesBytes) ? mergesBytes : [.. Encoding.UTF8.GetBytes("#version: 0.2\n"), .. mergesBytes]);
        return CodeGenTokenizer.Create(vocabStream, mergesStream, addPrefixSpace: false, addBeginOfSentence: false, addEndOfSentence: false);
    }

    private static Dictionary<string, int> ReadVocabulary(string path, byte[] bytes, int vocabSize)
    {
        if (bytes.Length == 0)
        {
            throw new ModelFileException(path, null, "is empty");
        }

        Dictionary<string, int>? vocab;
        try
        {
            vocab = JsonSerializer.Deserialize<Dictionary<string, int>>(bytes);
        }
        catch (JsonException e)
        {
            throw new ModelFileException(path, null, $"is not a JSON object of token → id: {e.Message}", innerException: e);
        }

        if (vocab is null || vocab.Count == 0)
        {
            throw new ModelFileException(path, null, "holds no tokens");
        }

        foreach (var (token, id) in vocab)
        {
            if (id < 0 || id >= vocabSize)
            {
                throw new ModelFileException(path, token, $"has id {id}, outside the model's vocabulary of {vocabSize} (config.json vocab_size)");
            }
        }

        var missing = ByteSymbols().FirstOrDefault(s => !vocab.ContainsKey(s));
        if (missing is not null)
        {
            throw new ModelFileException(path, missing, "lacks this byte symbol; a byte-level BPE vocabulary holds all 256");
        }

        return vocab;
    }

    private static void CheckMerges(string path, byte[] bytes, Dictionary<string, int> vocab)
    {
        var lines = Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var merges = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || (i == 0 && line.StartsWith("#version", StringComparison.Ordinal)))
            {
                continue;
            }

            var parts = line.Split(' ');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new ModelFileException(path, $"line {i + 1}", "is not two tokens separated by one space");
            }

            foreach (var token in new[] { parts[0], parts[1], parts[0] + parts[1] })
            {
                if (!vocab.ContainsKey(token))
                {
                    throw new ModelFileException(path, $"line {i + 1}", $"merges into or from '{token}', which vocab.json does not hold; the two files do not belong together");
                }
            }

            merges++;
        }

        if (merges == 0)
        {
            throw new ModelFileException(path, null, "holds no merges");
        }
    }

    private static bool HasVersionHeader(byte[] merges) => Encoding.UTF8.GetString(merges, 0, Math.Min(merges.Length, 16)).TrimStart('\uFEFF').StartsWith("#version", StringComparison.Ordinal);

    /// <summary>GPT-2's printable symbols for the 256 bytes: printable Latin-1 bytes stand for themselves, the rest map to U+0100 onwards.</summary>
    private static IEnumerable<string> ByteSymbols()
    {
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            yield return ((char)(printable ? b : next++)).ToString();
        }
    }
}
