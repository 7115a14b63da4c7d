using System.Buffers.Binary;
using System.Text.Json;

namespace Ditto.Models.Weights;

/// <summary>
/// Writes float tensors as a safetensors file (F32, F16 or BF16), packed back to back in the given order, the header
/// padded with spaces to a multiple of 8 bytes as Hugging Face writes it. Used to export weights and to build test files.
/// </summary>
public static class SafeTensorsWriter
{
    /// <summary>Writes the tensors (name → tensor, in order) with one element type and optional metadata.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, SafeTensorDType dtype = SafeTensorDType.F32, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (!dtype.IsFloatWeight())
        {
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Only F32, F16 and BF16 can be written.");
        }

        var list = tensors.ToList();
        using var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            long offset = 0;
            foreach (var (name, tensor) in list)
            {
                var bytes = (long)tensor.Length * dtype.Size();
                json.WriteStartObject(name);
                json.WriteString("dtype", dtype.Name());
                json.WriteStartArray("shape");
                foreach (var d in tensor.Shape.Dimensions)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }

            if (metadata is not null)
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        while (header.Length % 8 != 0)
        {
            header.WriteByte((byte)' ');
        }

        using var file = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        file.Write(length);
        header.Position = 0;
        header.CopyTo(file);
        foreach (var (_, tensor) in list)
        {
            file.Write(Encode(tensor.Data, dtype));
        }
    }

    private static byte[] Encode(float[] values, SafeTensorDType dtype)
    {
        var size = dtype.Size();
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            var target = bytes.AsSpan(i * size);
            switch (dtype)
            {
                case SafeTensorDType.F32:
                    BinaryPrimitives.WriteSingleLittleEndian(target, values[i]);
                    break;
                case SafeTensorDType.F16:
                    BinaryPrimitives.WriteHalfLittleEndian(target, (Half)values[i]);
                    break;
                default:
                    BinaryPrimitives.WriteUInt16LittleEndian(target, ToBFloat16(values[i]));
                    break;
            }
        }

        return bytes;
    }

    /// <summary>float32 → bfloat16 with round-to-nearest-even (NaN kept as a quiet NaN).</summary>
    private static ushort ToBFloat16(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            return (ushort)((bits >> 16) | 0x40);
        }

        var rounding = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }
}
