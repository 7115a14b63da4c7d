using Ditto.Runtime.Description;
using Ditto.Runtime.Tensors;

namespace Ditto.Cli.Samples;

/// <summary>
/// A sample secure model for <c>ditto inspect</c>: multi-head self-attention with Ditto's named precisions, the
/// projections in Linear and the softmax in NonLinear (a method of its own, so the conversions sit at its boundary).
/// </summary>
[SecureModel, FixedPoint(Precision.Linear)]
public sealed partial class SelfAttention(int heads, Tensor wq, Tensor wk, Tensor wv, Tensor wo)
{
    /// <summary>Attention heads.</summary>
    public int Heads { get; } = heads;

    [Weight] public Tensor Wq { get; } = wq;

    [Weight] public Tensor Wk { get; } = wk;

    [Weight] public Tensor Wv { get; } = wv;

    [Weight] public Tensor Wo { get; } = wo;

    /// <summary>Placeholder weights of a given width.</summary>
    public static SelfAttention Placeholders(int hidden, int heads) => new(
        heads,
        Tensor.Placeholder(new TensorShape(hidden, hidden)), Tensor.Placeholder(new TensorShape(hidden, hidden)),
        Tensor.Placeholder(new TensorShape(hidden, hidden)), Tensor.Placeholder(new TensorShape(hidden, hidden)));

    /// <summary>BERT-base's attention (768 wide, 12 heads) for inspection.</summary>
    [InspectionSample("x=128x768")]
    public static SelfAttention Sample() => Placeholders(768, 12);

    /// <summary>softmax(QKᵀ/√d)·V, then the output projection.</summary>
    public Tensor Forward(Tensor x)
    {
        var q = Ops.SplitHeads(Tensor.MatMul(x, Wq), Heads);
        var k = Ops.SplitHeads(Tensor.MatMul(x, Wk), Heads);
        var v = Ops.SplitHeads(Tensor.MatMul(x, Wv), Heads);
        var scores = Tensor.MatMul(q, k, transposeB: true) / Math.Sqrt(x.Shape[-1] / Heads);
        var context = Ops.MergeHeads(Tensor.MatMul(Probabilities(scores), v));
        return Tensor.MatMul(context, Wo);
    }

    /// <summary>The attention probabilities, in the non-linear precision.</summary>
    [FixedPoint(Precision.NonLinear)]
    public Tensor Probabilities(Tensor scores) => Ops.Softmax(scores);
}
