using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Ditto.Models.Weights;

/// <summary>
/// Parses and validates a safetensors header (the format of huggingface/safetensors). The rules, all enforced:
/// an 8-byte little-endian header length N with 8 + N within the file and N ≤ 100 MB; a UTF-8 JSON object (padding
/// with trailing spaces allowed); an optional "__metadata__" map of strings; for every other key an object with exactly
/// "dtype" (a known name), "shape" (non-negative integers) and "data_offsets" ([begin, end], begin ≤ end); end − begin
/// equal to the element count times the element size; and, sorted by offset, the ranges tiling the data section
/// exactly — starting at 0, with no gap, no overlap and no trailing byte, as the reference implementation requires.
/// </summary>
internal static class SafeTensorsHeader
{
    /// <summary>The reference implementation's limit on the header size.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    public static (IReadOnlyDictionary<string, SafeTensorInfo> Tensors, IReadOnlyDictionary<string, string> Metadata, long DataStart) Read(string path, Stream stream)
    {
        var fileLength = stream.Length;
        if (fileLength < 8)
        {
            throw new ModelFileException(path, null, $"the file has {fileLength} bytes, fewer than the 8-byte header length that starts a safetensors file", 0);
        }

        Span<byte> prefix = stackalloc byte[8];
        stream.Position = 0;
        stream.ReadExactly(prefix);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);

        // Check the untrusted length against the file before allocating anything from it.
        if (headerLength > (ulong)(fileLength - 8))
        {
            throw new ModelFileException(path, null, $"the header claims {headerLength} bytes but only {fileLength - 8} bytes follow the length field (file of {fileLength} bytes); the file is truncated or not safetensors", 0);
        }

        if ((long)headerLength > MaxHeaderBytes)
        {
            throw new ModelFileException(path, null, $"the header claims {headerLength} bytes, above the format's limit of {MaxHeaderBytes}", 0);
        }

        if (headerLength < 2)
        {
            throw new ModelFileException(path, null, $"the header has {headerLength} bytes; it must hold at least a JSON object '{{}}'", 0);
        }

        var json = new byte[headerLength];
        stream.ReadExactly(json);
        if (json[0] != (byte)'{')
        {
            throw new ModelFileException(path, null, $"the header must start with '{{', not byte 0x{json[0]:X2}", 8);
        }

        var dataStart = 8 + (long)headerLength;
        var dataLength = fileLength - dataStart;
        var (tensors, metadata) = ParseJson(path, json);
        CheckTiling(path, tensors.Values, dataLength, dataStart);
        return (tensors, metadata, dataStart);
    }

    private static (Dictionary<string, SafeTensorInfo>, Dictionary<string, string>) ParseJson(string path, byte[] json)
    {
        JsonDocument doc;
        try
        {
            // Strict UTF-8 first: JsonDocument replaces nothing, but say clearly when the bytes are not text at all.
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(json);
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException)
        {
            throw new ModelFileException(path, null, $"the header is not valid UTF-8 JSON: {e.Message}", 8, e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ModelFileException(path, null, $"the header must be a JSON object, not {doc.RootElement.ValueKind}", 8);
            }

            var tensors = new Dictionary<string, SafeTensorInfo>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new ModelFileException(path, property.Name, "the header lists this name twice", 8);
                }

                if (property.Name == "__metadata__")
                {
                    ReadMetadata(path, property.Value, metadata);
                    continue;
                }

                if (property.Name.Length == 0)
                {
                    throw new ModelFileException(path, property.Name, "a tensor name is empty", 8);
                }

                tensors.Add(property.Name, ReadTensor(path, property.Name, property.Value));
            }

            return (tensors, metadata);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFileException(path, "__metadata__", $"must be an object of strings, not {value.ValueKind}", 8);
        }

        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw new ModelFileException(path, "__metadata__", $"entry '{item.Name}' must be a string, not {item.Value.ValueKind}", 8);
            }

            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw new ModelFileException(path, "__metadata__", $"entry '{item.Name}' appears twice", 8);
            }
        }
    }

    private static SafeTensorInfo ReadTensor(string path, string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFileException(path, name, $"the header entry must be an object with dtype, shape and data_offsets, not {value.ValueKind}", 8);
        }

        string? dtypeText = null;
        List<long>? shape = null;
        List<long>? offsets = null;
        foreach (var field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype" when dtypeText is null:
                    dtypeText = field.Value.ValueKind == JsonValueKind.String
                        ? field.Value.GetString()!
                        : throw new ModelFileException(path, name, $"dtype must be a string, not {field.Value.ValueKind}", 8);
                    break;
                case "shape" when shape is null:
                    shape = ReadIntegers(path, name, "shape", field.Value);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(path, name, "data_offsets", field.Value);
                    break;
                default:
                    throw new ModelFileException(path, name, $"unexpected or repeated header field '{field.Name}'; expected exactly dtype, shape and data_offsets", 8);
            }
        }

        if (dtypeText is null || shape is null || offsets is null)
        {
            var missing = string.Join(", ", new[] { ("dtype", dtypeText is null), ("shape", shape is null), ("data_offsets", offsets is null) }.Where(m => m.Item2).Select(m => m.Item1));
            throw new ModelFileException(path, name, $"the header entry lacks {missing}", 8);
        }

        if (!SafeTensorDTypes.TryParse(dtypeText, out var dtype))
        {
            throw new ModelFileException(path, name, $"unknown dtype '{dtypeText}'; the format defines {SafeTensorDTypes.KnownNames}", 8);
        }

        if (offsets.Count != 2 || offsets[0] > offsets[1])
        {
            throw new ModelFileException(path, name, $"data_offsets must be [begin, end] with begin ≤ end, not [{string.Join(", ", offsets)}]", 8);
        }

        // Overflow-proof size check: UInt128 holds any product of a few dozen 63-bit numbers' worth of checks.
        UInt128 bytes = (UInt128)dtype.Size();
        foreach (var d in shape)
        {
            bytes *= (ulong)d;
            if (bytes > long.MaxValue)
            {
                throw new ModelFileException(path, name, $"shape [{string.Join(", ", shape)}] of {dtype.Name()} describes more bytes than any file can hold", 8);
            }
        }

        if ((long)bytes != offsets[1] - offsets[0])
        {
            throw new ModelFileException(path, name, $"shape [{string.Join(", ", shape)}] of {dtype.Name()} needs {bytes} bytes but data_offsets [{offsets[0]}, {offsets[1]}] span {offsets[1] - offsets[0]}", 8);
        }

        return new SafeTensorInfo(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static List<long> ReadIntegers(string path, string name, string field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ModelFileException(path, name, $"{field} must be an array of non-negative integers, not {value.ValueKind}", 8);
        }

        var result = new List<long>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var n) || n < 0)
            {
                throw new ModelFileException(path, name, $"{field} must hold non-negative integers; found {item.GetRawText()}", 8);
            }

            result.Add(n);
            if (result.Count > 64)
            {
                throw new ModelFileException(path, name, $"{field} has more than 64 entries", 8);
            }
        }

        return result;
    }

    private static void CheckTiling(string path, IEnumerable<SafeTensorInfo> tensors, long dataLength, long dataStart)
    {
        long expectedBegin = 0;
        SafeTensorInfo? previous = null;
        foreach (var t in tensors.OrderBy(t => t.Begin).ThenBy(t => t.End).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            if (t.Begin != expectedBegin)
            {
                var problem = t.Begin < expectedBegin
                    ? $"data_offsets [{t.Begin}, {t.End}] overlap '{previous!.Name}' [{previous.Begin}, {previous.End}]"
                    : $"data_offsets [{t.Begin}, {t.End}] leave a gap of {t.Begin - expectedBegin} bytes after offset {expectedBegin}; the format packs tensors back to back";
                throw new ModelFileException(path, t.Name, problem, dataStart + Math.Min(t.Begin, expectedBegin));
            }

            if (t.End > dataLength)
            {
                throw new ModelFileException(path, t.Name, $"data_offsets [{t.Begin}, {t.End}] reach past the data section of {dataLength} bytes; the file is truncated or the header lies", dataStart + t.Begin);
            }

            expectedBegin = t.End;
            previous = t;
        }

        if (expectedBegin != dataLength)
        {
            throw new ModelFileException(path, previous?.Name, $"the tensors cover {expectedBegin} bytes but the data section has {dataLength}; the format allows no trailing bytes", dataStart + expectedBegin);
        }
    }
}
