using Ditto;

namespace Ditto.Generators.Tests.Models;

/// <summary>
/// Multi-head self-attention as Ditto runs it: projections and products in the Linear precision, the softmax in the
/// NonLinear precision (a method of its own), with the conversions at the call boundary.
/// </summary>
[SecureModel, FixedPoint(Precision.Linear)]
public sealed partial class Attention(int heads, Tensor wq, Tensor wk, Tensor wv, Tensor wo)
{
    public int Heads { get; } = heads;

    [Weight] public Tensor Wq { get; } = wq;

    [Weight] public Tensor Wk { get; } = wk;

    [Weight] public Tensor Wv { get; } = wv;

    [Weight] public Tensor Wo { get; } = wo;

    public Tensor Forward(Tensor x)
    {
        var q = Ops.SplitHeads(Tensor.MatMul(x, Wq), Heads);
        var k = Ops.SplitHeads(Tensor.MatMul(x, Wk), Heads);
        var v = Ops.SplitHeads(Tensor.MatMul(x, Wv), Heads);
        var d = x.Shape[-1] / Heads;
        var scores = Tensor.MatMul(q, k, transposeB: true) / Math.Sqrt(d);
        var p = Probabilities(scores);
        var context = Ops.MergeHeads(Tensor.MatMul(p, v));
        return Tensor.MatMul(context, Wo);
    }

    [FixedPoint(Precision.NonLinear)]
    public Tensor Probabilities(Tensor scores) => Ops.Softmax(scores);
}
