namespace Ditto.Models.Onnx;

/// <summary>Protocol-buffer wire types.</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

/// <summary>
/// A minimal protocol-buffer reader over a byte buffer, enough for ONNX: every varint, length and fixed-width read is
/// checked against the bytes that remain, so a corrupt file ends in a <see cref="ModelFileException"/> naming the file,
/// the message being read and the byte offset, never in an out-of-range read or a huge allocation.
/// </summary>
internal sealed class ProtoReader
{
    private readonly ReadOnlyMemory<byte> _buffer;
    private readonly long _base;
    private int _position;

    public ProtoReader(ReadOnlyMemory<byte> buffer, string path, string context, long baseOffset = 0)
    {
        _buffer = buffer;
        Path = path;
        Context = context;
        _base = baseOffset;
    }

    public string Path { get; }

    /// <summary>What is being read ("graph.initializer[3]"), for messages.</summary>
    public string Context { get; }

    /// <summary>Absolute offset in the file of the next byte.</summary>
    public long Offset => _base + _position;

    public bool AtEnd => _position >= _buffer.Length;

    /// <summary>Reads the next field's number and wire type; false at the end of the message.</summary>
    public bool TryReadTag(out int field, out WireType wireType)
    {
        field = 0;
        wireType = 0;
        if (AtEnd)
        {
            return false;
        }

        var start = Offset;
        var tag = ReadVarint();
        field = (int)Math.Min(tag >> 3, int.MaxValue);
        wireType = (WireType)(tag & 7);
        if (field == 0 || wireType is not (WireType.Varint or WireType.Fixed64 or WireType.LengthDelimited or WireType.Fixed32))
        {
            throw Fail($"invalid field tag {tag} (field {tag >> 3}, wire type {tag & 7}); groups and field 0 do not occur in ONNX", start);
        }

        return true;
    }

    public ulong ReadVarint()
    {
        var start = Offset;
        ulong value = 0;
        var span = _buffer.Span;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= span.Length)
            {
                throw Fail("the message ends inside a varint", start);
            }

            var b = span[_position++];
            if (shift == 63 && b > 1)
            {
                throw Fail("a varint overflows 64 bits", start);
            }

            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Fail("a varint is longer than 10 bytes", start);
    }

    public long ReadInt64() => (long)ReadVarint();

    /// <summary>An int32 field (ONNX enums, data_type): negative or oversized values are errors.</summary>
    public int ReadInt32(string what)
    {
        var start = Offset;
        var v = ReadInt64();
        return v is >= int.MinValue and <= int.MaxValue ? (int)v : throw Fail($"{what} = {v} does not fit in 32 bits", start);
    }

    public uint ReadFixed32()
    {
        var bytes = Take(4, "a fixed32 value");
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.Span);
    }

    public ulong ReadFixed64()
    {
        var bytes = Take(8, "a fixed64 value");
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes.Span);
    }

    /// <summary>A length-delimited field's bytes, with the length checked against what remains.</summary>
    public ReadOnlyMemory<byte> ReadBytes(out long offset)
    {
        var start = Offset;
        var length = ReadVarint();
        if (length > (ulong)(_buffer.Length - _position))
        {
            throw Fail($"a field claims {length} bytes but only {_buffer.Length - _position} remain in the enclosing message", start);
        }

        offset = Offset;
        return Take((int)length, "a length-delimited field");
    }

    public string ReadString()
    {
        var bytes = ReadBytes(out var offset);
        try
        {
            return StrictUtf8.GetString(bytes.Span);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new ModelFileException(Path, Context, "a string field is not valid UTF-8", offset, e);
        }
    }

    /// <summary>A sub-message reader over a length-delimited field.</summary>
    public ProtoReader ReadMessage(string context)
    {
        var bytes = ReadBytes(out var offset);
        return new ProtoReader(bytes, Path, context, offset);
    }

    /// <summary>Skips a field of any supported wire type (unknown fields are allowed by protobuf).</summary>
    public void Skip(WireType wireType)
    {
        switch (wireType)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Take(8, "a fixed64 value");
                break;
            case WireType.LengthDelimited:
                ReadBytes(out _);
                break;
            case WireType.Fixed32:
                Take(4, "a fixed32 value");
                break;
            default:
                throw Fail($"cannot skip wire type {(int)wireType}", Offset);
        }
    }

    /// <summary>Repeated int64, packed (wire type 2) or not (wire type 0), appended to a list.</summary>
    public void ReadInt64s(WireType wireType, List<long> into, int limit, string what)
    {
        if (wireType == WireType.Varint)
        {
            Add(into, ReadInt64(), limit, what);
            return;
        }

        Expect(wireType, WireType.LengthDelimited, what);
        var packed = ReadMessage(Context);
        while (!packed.AtEnd)
        {
            Add(into, packed.ReadInt64(), limit, what);
        }
    }

    /// <summary>Repeated float, packed or not.</summary>
    public void ReadFloats(WireType wireType, List<float> into, int limit, string what)
    {
        if (wireType == WireType.Fixed32)
        {
            Add(into, BitConverter.UInt32BitsToSingle(ReadFixed32()), limit, what);
            return;
        }

        Expect(wireType, WireType.LengthDelimited, what);
        var start = Offset;
        var bytes = ReadBytes(out _);
        if (bytes.Length % 4 != 0)
        {
            throw Fail($"packed {what} has {bytes.Length} bytes, not a multiple of 4", start);
        }

        for (var i = 0; i < bytes.Length; i += 4)
        {
            Add(into, System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.Span[i..]), limit, what);
        }
    }

    public void Expect(WireType actual, WireType expected, string what)
    {
        if (actual != expected)
        {
            throw Fail($"{what} has wire type {(int)actual}; expected {(int)expected}", Offset);
        }
    }

    public ModelFileException Fail(string problem, long offset) => new(Path, Context, problem, offset);

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private void Add<T>(List<T> into, T value, int limit, string what)
    {
        if (into.Count >= limit)
        {
            throw Fail($"more than {limit} {what} values", Offset);
        }

        into.Add(value);
    }

    private ReadOnlyMemory<byte> Take(int count, string what)
    {
        if (count > _buffer.Length - _position)
        {
            throw Fail($"the message ends inside {what} ({count} bytes needed, {_buffer.Length - _position} remain)", Offset);
        }

        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }
}
