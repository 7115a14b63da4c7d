using System.Buffers.Binary;
using Ditto.Models.Weights;
using Ditto.Runtime.Tensors;

namespace Ditto.Models.Onnx;

/// <summary>
/// An ONNX TensorProto (an initializer or a Constant's value), validated when parsed: dims non-negative, the element
/// count representable, and raw_data (or float_data / int64_data) holding exactly dims' element count. The values stay in
/// the file's buffer until asked for.
/// </summary>
public sealed class OnnxTensor
{
    private readonly ReadOnlyMemory<byte> _raw;
    private readonly float[]? _floats;
    private readonly long[]? _int64s;

    private OnnxTensor(string path, string name, long[] dims, OnnxDataType dataType, long elements, ReadOnlyMemory<byte> raw, float[]? floats, long[]? int64s)
    {
        SourcePath = path;
        Name = name;
        Dims = dims;
        DataType = dataType;
        Elements = elements;
        _raw = raw;
        _floats = floats;
        _int64s = int64s;
    }

    /// <summary>The ONNX file, for messages.</summary>
    public string SourcePath { get; }

    /// <summary>The tensor name (for an initializer, the value name nodes refer to).</summary>
    public string Name { get; }

    /// <summary>The dimensions (empty for a scalar).</summary>
    public IReadOnlyList<long> Dims { get; }

    /// <summary>The element type.</summary>
    public OnnxDataType DataType { get; }

    /// <summary>The number of elements.</summary>
    public long Elements { get; }

    /// <summary>The values as a float32 tensor (FLOAT, FLOAT16 or BFLOAT16 data), named after the initializer.</summary>
    public Tensor ToTensor(string? name = null)
    {
        if (Dims.Any(d => d == 0) || Elements > int.MaxValue)
        {
            throw new ModelFileException(SourcePath, Name, $"shape [{string.Join(", ", Dims)}] cannot be a model weight");
        }

        var values = new float[Elements];
        if (_floats is not null)
        {
            _floats.CopyTo(values, 0);
        }
        else if (_raw.Length != Elements * DataType.Size())
        {
            throw new ModelFileException(SourcePath, Name, $"data type {DataType} stored outside raw_data and float_data is not supported");
        }
        else
        {
            var dtype = DataType switch
            {
                OnnxDataType.Float => SafeTensorDType.F32,
                OnnxDataType.Float16 => SafeTensorDType.F16,
                OnnxDataType.BFloat16 => SafeTensorDType.BF16,
                _ => throw new ModelFileException(SourcePath, Name, $"data type {DataType} is not a float weight type; expected FLOAT, FLOAT16 or BFLOAT16"),
            };
            FloatDecoding.Decode(dtype, _raw.Span, values);
        }

        var shape = Dims.Count == 0 ? new TensorShape(1) : new TensorShape(Dims.Select(d => (int)d).ToArray());
        return new Tensor(values, shape, name ?? Name);
    }

    /// <summary>The values of an INT64 tensor.</summary>
    public long[] ToInt64s()
    {
        if (DataType != OnnxDataType.Int64)
        {
            throw new ModelFileException(SourcePath, Name, $"data type {DataType} is not INT64");
        }

        if (_int64s is not null)
        {
            return (long[])_int64s.Clone();
        }

        var values = new long[Elements];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt64LittleEndian(_raw.Span[(8 * i)..]);
        }

        return values;
    }

    /// <summary>The value of a one-element FLOAT (or FLOAT16/BFLOAT16) tensor.</summary>
    public double ToScalar()
    {
        if (Elements != 1)
        {
            throw new ModelFileException(SourcePath, Name, $"expected a scalar, found shape [{string.Join(", ", Dims)}]");
        }

        return ToTensor().Data[0];
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {DataType} [{string.Join(", ", Dims)}]";

    internal static OnnxTensor Parse(ProtoReader r)
    {
        var dims = new List<long>();
        var dataType = OnnxDataType.Undefined;
        string name = string.Empty;
        ReadOnlyMemory<byte>? raw = null;
        List<float>? floats = null;
        List<long>? int64s = null;
        var external = false;
        var otherData = false;
        var start = r.Offset;
        while (r.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    r.ReadInt64s(wire, dims, 64, "dims");
                    break;
                case 2:
                    r.Expect(wire, WireType.Varint, "data_type");
                    dataType = (OnnxDataType)r.ReadInt32("data_type");
                    break;
                case 3:
                    throw r.Fail("segmented tensors are not supported", r.Offset);
                case 4:
                    r.ReadFloats(wire, floats ??= [], int.MaxValue, "float_data");
                    break;
                case 7:
                    r.ReadInt64s(wire, int64s ??= [], int.MaxValue, "int64_data");
                    break;
                case 8:
                    r.Expect(wire, WireType.LengthDelimited, "name");
                    name = r.ReadString();
                    break;
                case 9:
                    r.Expect(wire, WireType.LengthDelimited, "raw_data");
                    raw = r.ReadBytes(out _);
                    break;
                case 5 or 6 or 10 or 11:
                    // int32_data, string_data, double_data, uint64_data: kept out of reach (ToTensor refuses them).
                    otherData = true;
                    r.Skip(wire);
                    break;
                case 13:
                    external = true;
                    r.Skip(wire);
                    break;
                case 14:
                    r.Expect(wire, WireType.Varint, "data_location");
                    external |= r.ReadInt64() == 1;
                    break;
                default:
                    r.Skip(wire);
                    break;
            }
        }

        var label = name.Length == 0 ? r.Context : name;
        if (external)
        {
            throw new ModelFileException(r.Path, label, "the tensor's data is stored in an external file, which this loader does not read", start);
        }

        long elements = 1;
        foreach (var d in dims)
        {
            if (d < 0 || (d > 0 && elements > long.MaxValue / d))
            {
                throw new ModelFileException(r.Path, label, $"dims [{string.Join(", ", dims)}] are negative or too large", start);
            }

            elements *= d;
        }

        var sources = (raw is null ? 0 : 1) + (floats is null ? 0 : 1) + (int64s is null ? 0 : 1);
        if (sources > 1)
        {
            throw new ModelFileException(r.Path, label, "the tensor holds its values in more than one field (raw_data, float_data, int64_data)", start);
        }

        if (raw is { } bytes && dataType.Size() > 0 && (ulong)bytes.Length != (ulong)elements * (ulong)dataType.Size())
        {
            throw new ModelFileException(r.Path, label, $"dims [{string.Join(", ", dims)}] of {dataType} need {(ulong)elements * (ulong)dataType.Size()} bytes of raw_data, found {bytes.Length}", start);
        }

        if ((floats is not null && (dataType != OnnxDataType.Float || floats.Count != elements))
            || (int64s is not null && (dataType != OnnxDataType.Int64 || int64s.Count != elements)))
        {
            throw new ModelFileException(r.Path, label, $"dims [{string.Join(", ", dims)}] of {dataType} disagree with the {(floats is not null ? "float_data" : "int64_data")} it holds ({floats?.Count ?? int64s!.Count} values)", start);
        }

        if (raw is null && floats is null && int64s is null && !otherData && elements != 0)
        {
            throw new ModelFileException(r.Path, label, $"dims [{string.Join(", ", dims)}] need {elements} values but the tensor holds none", start);
        }

        return new OnnxTensor(r.Path, name, [.. dims], dataType, elements, raw ?? ReadOnlyMemory<byte>.Empty, floats?.ToArray(), int64s?.ToArray());
    }
}
