using System.Text;
using System.Text.Json;

namespace Ditto.Models.Tokenizers;

/// <summary>
/// Reads the byte-level BPE inside a Hugging Face tokenizer.json (the "tokenizers" library's single file): model.type
/// "BPE" with its vocab and merges, under a ByteLevel pre-tokenizer with GPT-2's split (use_regex, the default). Anything
/// else — WordPiece, Unigram, SentencePiece's Metaspace, a custom split regex as Qwen2 and LLaMA 3 have — is refused naming
/// the field: encoding it with GPT-2's rules would give other ids, silently.
/// </summary>
internal static class TokenizerJson
{
    /// <summary>The vocabulary as vocab.json bytes and the merges as merges.txt bytes.</summary>
    public static (byte[] Vocab, byte[] Merges) ReadByteLevelBpe(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0)
        {
            throw new ModelFileException(path, null, "is empty");
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
            {
                throw new ModelFileException(path, "model", "is missing; a tokenizer.json describes its model");
            }

            var type = model.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type != "BPE")
            {
                throw new ModelFileException(path, "model.type", $"is {(type is null ? "missing" : $"'{type}'")}; Ditto reads byte-level \"BPE\" tokenizers from tokenizer.json (BERT's WordPiece from vocab.txt)");
            }

            CheckPreTokenizer(path, root);
            if (!model.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Object)
            {
                throw new ModelFileException(path, "model.vocab", "is missing or not an object of token → id");
            }

            if (!model.TryGetProperty("merges", out var merges) || merges.ValueKind != JsonValueKind.Array)
            {
                throw new ModelFileException(path, "model.merges", "is missing or not an array");
            }

            var text = new StringBuilder();
            var index = 0;
            foreach (var merge in merges.EnumerateArray())
            {
                // Older files write "a b"; newer ones ["a", "b"].
                var line = merge.ValueKind switch
                {
                    JsonValueKind.String => merge.GetString(),
                    JsonValueKind.Array when merge.GetArrayLength() == 2 && merge[0].ValueKind == JsonValueKind.String && merge[1].ValueKind == JsonValueKind.String => $"{merge[0].GetString()} {merge[1].GetString()}",
                    _ => null,
                } ?? throw new ModelFileException(path, $"model.merges[{index}]", "is neither \"a b\" nor [\"a\", \"b\"]");
                text.Append(line).Append('\n');
                index++;
            }

            return (Encoding.UTF8.GetBytes(vocab.GetRawText()), Encoding.UTF8.GetBytes(text.ToString()));
        }
        catch (JsonException e)
        {
            throw new ModelFileException(path, null, $"not valid JSON: {e.Message}", innerException: e);
        }
    }

    private static void CheckPreTokenizer(string path, JsonElement root)
    {
        if (!root.TryGetProperty("pre_tokenizer", out var pre) || pre.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFileException(path, "pre_tokenizer", "is missing; only GPT-2's ByteLevel pre-tokenizer is supported");
        }

        var type = pre.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type != "ByteLevel")
        {
            throw new ModelFileException(path, "pre_tokenizer.type", $"is '{type}'; only GPT-2's ByteLevel pre-tokenizer is supported (another split gives other ids)");
        }

        if (pre.TryGetProperty("use_regex", out var regex) && regex.ValueKind == JsonValueKind.False)
        {
            throw new ModelFileException(path, "pre_tokenizer.use_regex", "is false; only GPT-2's own split (use_regex = true) is supported");
        }

        if (pre.TryGetProperty("add_prefix_space", out var prefix) && prefix.ValueKind == JsonValueKind.True)
        {
            throw new ModelFileException(path, "pre_tokenizer.add_prefix_space", "is true; GPT-2's tokenizer adds no prefix space, and neither does Ditto's");
        }
    }
}
