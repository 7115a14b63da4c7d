using System.Text;

namespace Ditto.Models.Tests.Support;

/// <summary>A minimal protocol-buffer writer to build ONNX files in tests.</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _bytes = new();

    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, 0);
        WriteVarint((ulong)value);
        return this;
    }

    public ProtoWriter Fixed32(int field, float value)
    {
        Tag(field, 5);
        _bytes.Write(BitConverter.GetBytes(value));
        return this;
    }

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, 2);
        WriteVarint((ulong)value.Length);
        _bytes.Write(value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public ProtoWriter PackedInt64s(int field, IEnumerable<long> values)
    {
        var inner = new ProtoWriter();
        foreach (var v in values)
        {
            inner.WriteVarint((ulong)v);
        }

        return Bytes(field, inner.ToArray());
    }

    public byte[] ToArray() => _bytes.ToArray();

    private void Tag(int field, int wire) => WriteVarint((ulong)((field << 3) | wire));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _bytes.WriteByte((byte)value);
    }
}

/// <summary>ONNX messages (field numbers from onnx.proto).</summary>
internal static class Onnx
{
    public static ProtoWriter FloatTensor(string name, long[] dims, float[] values, bool packedDims = true, bool raw = true)
    {
        var t = new ProtoWriter();
        if (packedDims)
        {
            t.PackedInt64s(1, dims);
        }
        else
        {
            foreach (var d in dims)
            {
                t.Varint(1, d);
            }
        }

        t.Varint(2, 1).String(8, name);
        if (raw)
        {
            t.Bytes(9, values.SelectMany(BitConverter.GetBytes).ToArray());
        }
        else
        {
            t.Bytes(4, values.SelectMany(BitConverter.GetBytes).ToArray());
        }

        return t;
    }

    public static ProtoWriter Node(string op, string[] inputs, string[] outputs, params ProtoWriter[] attributes)
    {
        var n = new ProtoWriter();
        foreach (var i in inputs)
        {
            n.String(1, i);
        }

        foreach (var o in outputs)
        {
            n.String(2, o);
        }

        n.String(3, $"{op}_{outputs[0]}").String(4, op);
        foreach (var a in attributes)
        {
            n.Message(5, a);
        }

        return n;
    }

    public static ProtoWriter TensorAttribute(string name, ProtoWriter tensor) => new ProtoWriter().String(1, name).Message(5, tensor).Varint(20, 4);

    public static ProtoWriter IntAttribute(string name, long value) => new ProtoWriter().String(1, name).Varint(3, value).Varint(20, 2);

    public static byte[] Model(ProtoWriter graph) => new ProtoWriter().Varint(1, 7).String(2, "ditto-tests").Message(7, graph).ToArray();
}
