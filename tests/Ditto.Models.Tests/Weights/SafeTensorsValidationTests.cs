using Ditto.Models.Tests.Support;
using Ditto.Models.Weights;

namespace Ditto.Models.Tests.Weights;

/// <summary>Each way a safetensors file can be wrong ends in a <see cref="ModelFileException"/> naming the file and the tensor.</summary>
public sealed class SafeTensorsValidationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Valid_file_round_trips_f32_f16_and_bf16()
    {
        float[] values = [0f, 1f, -2.5f, 0.125f, 65504f, -0.0009765625f];
        foreach (var dtype in new[] { SafeTensorDType.F32, SafeTensorDType.F16, SafeTensorDType.BF16 })
        {
            var path = _folder.File($"{dtype}.safetensors");
            SafeTensorsWriter.Write(path, [new("a", new Tensor(values, 2, 3)), new("b", new Tensor([7f], 1))], dtype, new Dictionary<string, string> { ["format"] = "pt" });
            var file = SafeTensorsFile.Open(path);
            Assert.Equal("pt", file.Metadata["format"]);
            Assert.Equal(dtype, file.Tensors["a"].DType);
            Assert.Equal([2L, 3L], file.ShapeOf("a"));

            // Every value above is exact in all three types (BF16 keeps 8 significant bits: 65504 → 65536).
            var expected = dtype == SafeTensorDType.BF16 ? values.Select(v => v == 65504f ? 65536f : v).ToArray() : values;
            Assert.Equal(expected, file.Read("a").Data);
            Assert.Equal([7f], file.Read("b").Data);
        }
    }

    [Fact]
    public void Empty_or_short_file_is_rejected()
    {
        var e = Open([], out var path);
        Assert.Equal(path, e.FilePath);
        Assert.Contains("fewer than the 8-byte header length", e.Message);
        Assert.Contains("fewer than the 8-byte", Open([1, 2, 3], out _).Message);
    }

    [Fact]
    public void Header_length_beyond_the_file_is_rejected_before_allocating()
    {
        var bytes = TinyGpt2.RawFile("{}", [], claimedLength: ulong.MaxValue);
        var e = Open(bytes, out _);
        Assert.Contains($"the header claims {ulong.MaxValue} bytes but only", e.Message);
        Assert.Equal(0, e.Offset);
    }

    [Fact]
    public void Truncated_file_names_the_tensor_that_runs_off_the_end()
    {
        var path = _folder.File("model.safetensors");
        SafeTensorsWriter.Write(path, TinyGpt2.Tensors());
        var bytes = File.ReadAllBytes(path);
        var e = Open(bytes[..^10], out _);
        Assert.Equal("transformer.ln_f.bias", e.Entry);
        Assert.Contains("reach past the data section", e.Message);
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}""", 12, "a", "needs 16 bytes but data_offsets [0, 12] span 12")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}""", 8, "a", "reach past the data section of 8 bytes")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}}""", 24, "b", "overlap 'a' [0, 16]")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[20,36]}}""", 36, "b", "leave a gap of 4 bytes")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4],"data_offsets":[4,20]}}""", 20, "a", "leave a gap of 4 bytes after offset 0")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", 20, "a", "the tensors cover 16 bytes but the data section has 20")]
    [InlineData("""{"a":{"dtype":"F33","shape":[4],"data_offsets":[0,16]}}""", 16, "a", "unknown dtype 'F33'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}}""", 16, "a", "shape must hold non-negative integers")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4.5],"data_offsets":[0,16]}}""", 16, "a", "shape must hold non-negative integers")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4]}}""", 16, "a", "lacks data_offsets")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4],"data_offsets":[16,0]}}""", 16, "a", "begin ≤ end")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16],"extra":1}}""", 16, "a", "unexpected or repeated header field 'extra'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", 16, "a", "lists this name twice")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,16]}}""", 16, "a", "more bytes than any file can hold")]
    [InlineData("""{"__metadata__":{"format":7}}""", 0, "__metadata__", "entry 'format' must be a string")]
    [InlineData("""{"a":[1,2]}""", 0, "a", "must be an object with dtype, shape and data_offsets")]
    public void Header_that_lies_names_the_tensor(string header, int dataBytes, string tensor, string problem)
    {
        var e = Open(TinyGpt2.RawFile(header, new byte[dataBytes]), out var path);
        Assert.Equal(path, e.FilePath);
        Assert.Equal(tensor, e.Entry);
        Assert.Contains(problem, e.Message);
        Assert.Contains(Path.GetFileName(path), e.Message);
    }

    [Theory]
    [InlineData("""[1,2,3]""", "the header must start with '{'")]
    [InlineData("""{"a":""", "not valid UTF-8 JSON")]
    [InlineData("""{"a": nope}""", "not valid UTF-8 JSON")]
    public void Header_that_is_not_a_json_object_is_rejected(string header, string problem)
    {
        var e = Open(TinyGpt2.RawFile(header, []), out _);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Integer_tensor_is_valid_but_not_a_weight()
    {
        var path = Write(TinyGpt2.RawFile("""{"ids":{"dtype":"I64","shape":[2],"data_offsets":[0,16]}}""", new byte[16]));
        var file = SafeTensorsFile.Open(path);
        var e = Assert.Throws<ModelFileException>(() => file.Read("ids"));
        Assert.Equal("ids", e.Entry);
        Assert.Contains("dtype I64 is not a float weight type", e.Message);
        Assert.Equal("no-such", Assert.Throws<ModelFileException>(() => file.Read("no-such")).Entry);
    }

    private ModelFileException Open(byte[] bytes, out string path)
    {
        var p = Write(bytes);
        path = p;
        return Assert.Throws<ModelFileException>(() => SafeTensorsFile.Open(p));
    }

    private string Write(byte[] bytes)
    {
        var path = _folder.File($"case-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
