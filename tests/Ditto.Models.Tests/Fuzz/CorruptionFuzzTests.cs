using Ditto.Models.Decoding;
using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using Ditto.Models.Bert;
using Ditto.Models.Gpt2;
using Ditto.Models.Onnx;
using Ditto.Models.Tests.Support;
using Ditto.Models.Weights;
using Xunit.Abstractions;

namespace Ditto.Models.Tests.Fuzz;

/// <summary>
/// Seeded corruption of valid model files: every variant must either load (a flipped weight value is still a valid
/// file) or fail with <see cref="ModelFileException"/> naming the file — no other exception, no crash, no hang (each
/// case runs under a 10 s timeout; a valid load of these tiny models takes milliseconds).
/// </summary>
public sealed partial class CorruptionFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Corrupted_safetensors_files_and_configs_only_raise_ModelFileException()
    {
        using var source = new TempFolder();
        TinyGpt2.Write(source, dtype: SafeTensorDType.F16);
        var weights = File.ReadAllBytes(source.File("model.safetensors"));
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(weights);
        var random = new Random(20241126);
        var outcomes = new Dictionary<string, int>();
        const int Cases = 360;
        for (var i = 0; i < Cases; i++)
        {
            var (bytes, config, what) = MutateSafeTensors(weights, headerLength, TinyGpt2.Config, random, i);
            using var folder = new TempFolder();
            File.WriteAllBytes(folder.File("model.safetensors"), bytes);
            File.WriteAllText(folder.File("config.json"), config);
            var outcome = Run($"case {i} ({what})", () =>
            {
                var gpt2 = Gpt2Loader.Load(folder.Path);
                CausalGenerator.Greedy(gpt2, [1, 2], 2);
            });
            outcomes[$"{what.Split(' ')[0]}: {outcome}"] = outcomes.GetValueOrDefault($"{what.Split(' ')[0]}: {outcome}") + 1;
        }

        Report(outcomes);
        Assert.True(outcomes.Where(o => o.Key.EndsWith("rejected", StringComparison.Ordinal)).Sum(o => o.Value) > Cases / 2, "most corruptions should be detected");
    }

    [Fact]
    public void Corrupted_onnx_files_only_raise_ModelFileException()
    {
        var onnx = TinyBertOnnx.Build();
        var random = new Random(7);
        var outcomes = new Dictionary<string, int>();
        const int Cases = 240;
        for (var i = 0; i < Cases; i++)
        {
            var (bytes, what) = MutateBytes(onnx, random, i);
            var outcome = Run($"case {i} ({what})", () =>
            {
                var bert = BertLoader.FromOnnx(OnnxModel.Parse(bytes, "fuzz.onnx"));
                bert.Model.Forward(Ditto.Models.Inputs.OneHot.Encode([1, 2], bert.Config.VocabSize), 2);
            });
            outcomes[$"{what.Split(' ')[0]}: {outcome}"] = outcomes.GetValueOrDefault($"{what.Split(' ')[0]}: {outcome}") + 1;
        }

        Report(outcomes);
    }

    private static string Run(string label, Action action)
    {
        var task = Task.Run(action);
        try
        {
            Assert.True(task.Wait(CaseTimeout), $"{label} did not finish within {CaseTimeout.TotalSeconds} s");
            return "loaded";
        }
        catch (AggregateException e) when (e.InnerException is ModelFileException m)
        {
            Assert.False(string.IsNullOrWhiteSpace(m.FilePath), $"{label}: the exception names no file");
            return "rejected";
        }
        catch (AggregateException e)
        {
            Assert.Fail($"{label} raised {e.InnerException!.GetType().Name}, not ModelFileException: {e.InnerException}");
            return "failed";
        }
    }

    private void Report(Dictionary<string, int> outcomes)
    {
        foreach (var (kind, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{kind,-28} {count}");
        }
    }

    private static (byte[] Bytes, string Config, string What) MutateSafeTensors(byte[] original, int headerLength, string config, Random random, int i)
    {
        var bytes = (byte[])original.Clone();
        switch (i % 8)
        {
            case 0:
                // Flips where the structure is: the length field, the header and the first data bytes.
                return (Flip(bytes, random, 8 + headerLength + 64, 1 + random.Next(4)), config, "header-flip");
            case 1:
                return (Flip(bytes, random, bytes.Length, 1 + random.Next(16)), config, "any-flip");
            case 2:
                return (bytes[..random.Next(bytes.Length)], config, "truncate");
            case 3:
            {
                // A character of the JSON header replaced by one that is likely to keep it JSON-shaped.
                const string Alphabet = "0123456789{}[]\":,-.eE aFB_";
                bytes[8 + random.Next(headerLength)] = (byte)Alphabet[random.Next(Alphabet.Length)];
                return (bytes, config, "header-char");
            }

            case 4:
            {
                var header = Encoding.UTF8.GetString(bytes, 8, headerLength);
                var edited = ReplaceNumber(header, random);
                var json = Encoding.UTF8.GetBytes(edited);
                var file = new byte[8 + json.Length + (bytes.Length - 8 - headerLength)];
                BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
                json.CopyTo(file, 8);
                bytes.AsSpan(8 + headerLength).CopyTo(file.AsSpan(8 + json.Length));
                return (file, config, "header-number");
            }

            case 5:
            {
                ulong[] lengths = [0, 1, (ulong)headerLength - 1, (ulong)headerLength + 1, (ulong)headerLength + 8, (ulong)bytes.Length, ulong.MaxValue, (ulong)random.NextInt64()];
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, lengths[random.Next(lengths.Length)]);
                return (bytes, config, "length-field");
            }

            case 6:
                return (bytes, ReplaceNumber(config, random), "config-number");
            default:
            {
                var chars = config.ToCharArray();
                const string Alphabet = "{}[]\":,0-9aZ\u0000";
                chars[random.Next(chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
                return (bytes, new string(chars), "config-char");
            }
        }
    }

    private static (byte[] Bytes, string What) MutateBytes(byte[] original, Random random, int i)
    {
        var bytes = (byte[])original.Clone();
        switch (i % 4)
        {
            case 0:
                return (Flip(bytes, random, bytes.Length, 1 + random.Next(8)), "flip");
            case 1:
                return (bytes[..random.Next(bytes.Length)], "truncate");
            case 2:
            {
                // Varint-shaped damage: continuation bits and maximal bytes.
                byte[] values = [0xFF, 0x80, 0x00, 0x7F, 0x0B, 0x0C];
                for (var k = 1 + random.Next(3); k > 0; k--)
                {
                    bytes[random.Next(bytes.Length)] = values[random.Next(values.Length)];
                }

                return (bytes, "varint");
            }

            default:
            {
                var at = random.Next(bytes.Length);
                var junk = new byte[1 + random.Next(8)];
                random.NextBytes(junk);
                return ([.. bytes[..at], .. junk, .. bytes[at..]], "insert");
            }
        }
    }

    private static byte[] Flip(byte[] bytes, Random random, int range, int count)
    {
        for (var k = 0; k < count; k++)
        {
            bytes[random.Next(Math.Min(range, bytes.Length))] ^= (byte)(1 << random.Next(8));
        }

        return bytes;
    }

    private static string ReplaceNumber(string text, Random random)
    {
        var numbers = NumberPattern().Matches(text);
        if (numbers.Count == 0)
        {
            return text;
        }

        var m = numbers[random.Next(numbers.Count)];
        var value = long.TryParse(m.Value, out var v) ? v : 1;
        string[] choices = ["0", "1", "-1", (value + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), (value - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), (value * 2).ToString(System.Globalization.CultureInfo.InvariantCulture), "18446744073709551615", "9223372036854775807", "4294967296", "1e3", "0.5", "null"];
        return string.Concat(text.AsSpan(0, m.Index), choices[random.Next(choices.Length)], text.AsSpan(m.Index + m.Length));
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex NumberPattern();
}
