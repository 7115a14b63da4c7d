namespace Ditto.Models.Tests.Support;

/// <summary>
/// A structurally faithful tiny BERT in ONNX, laid out as PyTorch exports MiniLM (vocab 10, hidden 4, 2 heads of 2,
/// FFN 8, 6 positions, 1 layer): named embeddings, LayerNorm and bias initializers; anonymous [in, out] MatMul weights
/// whose consuming Add carries the bias; scores divided by a Constant √2; LayerNorm's ε added before Sqrt; Erf; a Gemm
/// pooler. Not meant to run in ONNX Runtime — only the parts the loader reads are present.
/// </summary>
internal static class TinyBertOnnx
{
    public const int Vocab = 10, Hidden = 4, Inner = 8, Positions = 6;

    public static byte[] Build(int seed = 3)
    {
        var random = new Random(seed);
        float[] Values(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var g = new ProtoWriter().String(2, "tiny-bert");
        void Init(string name, params long[] dims) => g.Message(5, Onnx.FloatTensor(name, dims, Values((int)dims.Aggregate(1L, (a, b) => a * b))));
        void NodeOf(string op, string[] inputs, string output, params ProtoWriter[] attributes) => g.Message(1, Onnx.Node(op, inputs, [output], attributes));

        Init("embeddings.word_embeddings.weight", Vocab, Hidden);
        Init("embeddings.position_embeddings.weight", Positions, Hidden);
        Init("embeddings.token_type_embeddings.weight", 2, Hidden);
        Init("embeddings.LayerNorm.weight", Hidden);
        Init("embeddings.LayerNorm.bias", Hidden);
        NodeOf("Constant", [], "eps", Onnx.TensorAttribute("value", Onnx.FloatTensor(string.Empty, [], [1e-12f])));
        NodeOf("Add", ["variance", "eps"], "variance_eps");
        NodeOf("Sqrt", ["variance_eps"], "std");

        var anonymous = 100;
        void Linear(string layer, string input, int inputs, int outputs)
        {
            var weight = (anonymous++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Init(weight, inputs, outputs);
            Init($"{layer}.bias", outputs);
            NodeOf("MatMul", [input, weight], $"{layer}.mm");
            NodeOf("Add", [$"{layer}.bias", $"{layer}.mm"], $"{layer}.out");
        }

        const string l = "encoder.layer.0";
        Linear($"{l}.attention.self.query", "x", Hidden, Hidden);
        Linear($"{l}.attention.self.key", "x", Hidden, Hidden);
        Linear($"{l}.attention.self.value", "x", Hidden, Hidden);
        NodeOf("MatMul", [$"{l}.attention.self.query.out", $"{l}.attention.self.key.out"], "scores");
        NodeOf("Constant", [], "scale", Onnx.TensorAttribute("value", Onnx.FloatTensor(string.Empty, [], [MathF.Sqrt(2)])));
        NodeOf("Div", ["scores", "scale"], "scaled");
        Linear($"{l}.attention.output.dense", "context", Hidden, Hidden);
        Init($"{l}.attention.output.LayerNorm.weight", Hidden);
        Init($"{l}.attention.output.LayerNorm.bias", Hidden);
        Linear($"{l}.intermediate.dense", "h", Hidden, Inner);
        NodeOf("Erf", [$"{l}.intermediate.dense.out"], "erf");
        Linear($"{l}.output.dense", "act", Inner, Hidden);
        Init($"{l}.output.LayerNorm.weight", Hidden);
        Init($"{l}.output.LayerNorm.bias", Hidden);
        Init("pooler.dense.weight", Hidden, Hidden);
        Init("pooler.dense.bias", Hidden);
        NodeOf("Gemm", ["first", "pooler.dense.weight", "pooler.dense.bias"], "pooled", Onnx.IntAttribute("transB", 1));
        g.Message(11, new ProtoWriter().String(1, "input_ids"));
        g.Message(12, new ProtoWriter().String(1, "last_hidden_state"));
        return Onnx.Model(g);
    }
}
