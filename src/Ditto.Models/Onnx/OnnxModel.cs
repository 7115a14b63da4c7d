namespace Ditto.Models.Onnx;

/// <summary>
/// The parts of an ONNX ModelProto a weight loader needs: the graph's initializers (TensorProto), its nodes
/// (NodeProto: operator, inputs, outputs, simple attributes) and its input and output names. Parsed by a small
/// hand-written protocol-buffer reader with every length checked; other fields are skipped. Tensor values stay in the
/// given buffer until read.
/// </summary>
public sealed class OnnxModel
{
    private OnnxModel(string path, long irVersion, string producer, IReadOnlyList<OnnxTensor> initializers, IReadOnlyList<OnnxNode> nodes, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
    {
        Path = path;
        IrVersion = irVersion;
        Producer = producer;
        Initializers = initializers;
        Nodes = nodes;
        Inputs = inputs;
        Outputs = outputs;
        InitializersByName = initializers.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    }

    /// <summary>Where the model came from, for messages.</summary>
    public string Path { get; }

    /// <summary>ModelProto.ir_version.</summary>
    public long IrVersion { get; }

    /// <summary>producer_name and producer_version.</summary>
    public string Producer { get; }

    /// <summary>The graph's initializers, in file order.</summary>
    public IReadOnlyList<OnnxTensor> Initializers { get; }

    /// <summary>Initializers by name.</summary>
    public IReadOnlyDictionary<string, OnnxTensor> InitializersByName { get; }

    /// <summary>The graph's nodes, in file (topological) order.</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>Graph input names.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Graph output names.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Reads and parses a .onnx file.</summary>
    public static OnnxModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, null, $"cannot read the file: {e.Message}", innerException: e);
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses a ModelProto; <paramref name="path"/> names the source in messages.</summary>
    public static OnnxModel Parse(ReadOnlyMemory<byte> bytes, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var r = new ProtoReader(bytes, path, "ModelProto");
        long irVersion = 0;
        string producer = string.Empty, producerVersion = string.Empty;
        ProtoReader? graph = null;
        while (r.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    r.Expect(wire, WireType.Varint, "ir_version");
                    irVersion = r.ReadInt64();
                    break;
                case 2:
                    r.Expect(wire, WireType.LengthDelimited, "producer_name");
                    producer = r.ReadString();
                    break;
                case 3:
                    r.Expect(wire, WireType.LengthDelimited, "producer_version");
                    producerVersion = r.ReadString();
                    break;
                case 7:
                    r.Expect(wire, WireType.LengthDelimited, "graph");
                    graph = graph is null ? r.ReadMessage("graph") : throw r.Fail("the model has two graphs", r.Offset);
                    break;
                default:
                    r.Skip(wire);
                    break;
            }
        }

        if (graph is null)
        {
            throw new ModelFileException(path, "graph", "the file holds no graph; it is not an ONNX model or it is truncated", 0);
        }

        var (initializers, nodes, inputs, outputs) = ParseGraph(graph);
        return new OnnxModel(path, irVersion, $"{producer} {producerVersion}".Trim(), initializers, nodes, inputs, outputs);
    }

    /// <summary>The nodes that read a value.</summary>
    public IEnumerable<OnnxNode> ConsumersOf(string value) => Nodes.Where(n => n.Inputs.Contains(value));

    private static (List<OnnxTensor>, List<OnnxNode>, List<string>, List<string>) ParseGraph(ProtoReader g)
    {
        var initializers = new List<OnnxTensor>();
        var nodes = new List<OnnxNode>();
        var inputs = new List<string>();
        var outputs = new List<string>();
        while (g.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    g.Expect(wire, WireType.LengthDelimited, "node");
                    nodes.Add(ParseNode(g.ReadMessage($"graph.node[{nodes.Count}]")));
                    break;
                case 5:
                    g.Expect(wire, WireType.LengthDelimited, "initializer");
                    initializers.Add(OnnxTensor.Parse(g.ReadMessage($"graph.initializer[{initializers.Count}]")));
                    break;
                case 11 or 12:
                    g.Expect(wire, WireType.LengthDelimited, field == 11 ? "input" : "output");
                    (field == 11 ? inputs : outputs).Add(ParseValueInfoName(g.ReadMessage(field == 11 ? "graph.input" : "graph.output")));
                    break;
                case 15:
                    throw g.Fail("sparse initializers are not supported", g.Offset);
                default:
                    g.Skip(wire);
                    break;
            }
        }

        foreach (var t in initializers)
        {
            if (t.Name.Length == 0)
            {
                throw new ModelFileException(g.Path, "graph.initializer", "an initializer has no name");
            }
        }

        return (initializers, nodes, inputs, outputs);
    }

    private static string ParseValueInfoName(ProtoReader r)
    {
        var name = string.Empty;
        while (r.TryReadTag(out var field, out var wire))
        {
            if (field == 1 && wire == WireType.LengthDelimited)
            {
                name = r.ReadString();
            }
            else
            {
                r.Skip(wire);
            }
        }

        return name;
    }

    private static OnnxNode ParseNode(ProtoReader r)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new List<OnnxAttribute>();
        string name = string.Empty, opType = string.Empty;
        while (r.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 or 2 or 3 or 4:
                    r.Expect(wire, WireType.LengthDelimited, "a node string");
                    var s = r.ReadString();
                    _ = field switch
                    {
                        1 => Append(inputs, s),
                        2 => Append(outputs, s),
                        3 => name = s,
                        _ => opType = s,
                    };
                    break;
                case 5:
                    r.Expect(wire, WireType.LengthDelimited, "attribute");
                    attributes.Add(ParseAttribute(r.ReadMessage($"{r.Context}.attribute")));
                    break;
                default:
                    r.Skip(wire);
                    break;
            }
        }

        if (opType.Length == 0)
        {
            throw new ModelFileException(r.Path, r.Context, $"node '{name}' has no op_type");
        }

        return new OnnxNode(name, opType, inputs, outputs, attributes);
    }

    private static string Append(List<string> list, string value)
    {
        list.Add(value);
        return value;
    }

    private static OnnxAttribute ParseAttribute(ProtoReader r)
    {
        string name = string.Empty;
        long? i = null;
        float? f = null;
        string? s = null;
        OnnxTensor? t = null;
        var ints = new List<long>();
        var floats = new List<float>();
        while (r.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.LengthDelimited:
                    name = r.ReadString();
                    break;
                case 2 when wire == WireType.Fixed32:
                    f = BitConverter.UInt32BitsToSingle(r.ReadFixed32());
                    break;
                case 3 when wire == WireType.Varint:
                    i = r.ReadInt64();
                    break;
                case 4 when wire == WireType.LengthDelimited:
                    // Attribute strings are bytes in ONNX; names and modes are ASCII in practice.
                    s = System.Text.Encoding.UTF8.GetString(r.ReadBytes(out _).Span);
                    break;
                case 5 when wire == WireType.LengthDelimited:
                    t = OnnxTensor.Parse(r.ReadMessage($"{r.Context}.t"));
                    break;
                case 7:
                    r.ReadFloats(wire, floats, int.MaxValue, "floats");
                    break;
                case 8:
                    r.ReadInt64s(wire, ints, int.MaxValue, "ints");
                    break;
                default:
                    // Graphs (g, graphs), sparse tensors and type protos are skipped: a weight loader never needs them.
                    r.Skip(wire);
                    break;
            }
        }

        return new OnnxAttribute(name, i, f, s, ints, floats, t);
    }
}
