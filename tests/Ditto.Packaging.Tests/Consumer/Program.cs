using System.Text.Json;
using Ditto;
using Ditto.Models.Inference;
using Ditto.Runtime.Backends;

// 1. The generator ran in this project: the twin Forward(IBackend, Value) exists and means what the model means.
var model = new Affine(new Tensor([0.5f, -0.25f, 1f, 0.75f], [2, 2]), new Tensor([0.125f, -1f], [2]));
var x = new Tensor([1f, 2f], [1, 2]);
var backend = BackendFactory.Float(PrecisionPlan.Ditto);
var twin = backend.Reveal(model.Forward(backend, backend.Input(x, x.Shape, backend.Resolve(Precision.Linear), backend.ClientId)), backend.ClientId)!;

// 2. MiniLM from its package, in the application's folder, through the high-level API.
await using var encoder = SecureEncoder.FromFolder("minilm", "ditto-quant");
var embeddings = await encoder.EmbedAsync(["A man is eating food.", "A man is eating a piece of bread."]);

Console.WriteLine(JsonSerializer.Serialize(new
{
    plain = model.Forward(x).Data,
    twin = twin.Data,
    dimensions = embeddings.Vectors.Select(v => v.Length).ToArray(),
    norms = embeddings.Vectors.Select(v => Math.Sqrt(v.Sum(e => (double)e * e))).ToArray(),
    cosine = embeddings.Vectors[0].Zip(embeddings.Vectors[1], (a, b) => (double)a * b).Sum(),
    rounds = embeddings.Cost.Total.Rounds,
}));

[SecureModel, FixedPoint(Precision.Linear)]
public sealed partial class Affine(Tensor w, Tensor b)
{
    [Weight] public Tensor W { get; } = w;
    [Weight] public Tensor B { get; } = b;

    public Tensor Forward(Tensor x) => Tensor.MatMul(x, W) + B;
}
