using Ditto.Runtime.Description;
using Ditto.Runtime.Tensors;

namespace Ditto.Cli.Samples;

/// <summary>One BERT-style encoder layer: attention (a sub-model), residuals, LayerNorm in NonLinear, a GeLU feed-forward block.</summary>
[SecureModel, FixedPoint(Precision.Linear)]
public sealed partial class EncoderLayer(SelfAttention attention, Tensor gamma1, Tensor beta1, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor gamma2, Tensor beta2)
{
    /// <summary>The attention block.</summary>
    public SelfAttention Attention { get; } = attention;

    [Weight] public Tensor Gamma1 { get; } = gamma1;

    [Weight] public Tensor Beta1 { get; } = beta1;

    [Weight] public Tensor W1 { get; } = w1;

    [Weight] public Tensor B1 { get; } = b1;

    [Weight] public Tensor W2 { get; } = w2;

    [Weight] public Tensor B2 { get; } = b2;

    [Weight] public Tensor Gamma2 { get; } = gamma2;

    [Weight] public Tensor Beta2 { get; } = beta2;

    /// <summary>Placeholder weights of a given size.</summary>
    public static EncoderLayer Placeholders(int hidden, int heads, int intermediate)
    {
        static Tensor P(params int[] shape) => Tensor.Placeholder(new TensorShape(shape));
        return new(SelfAttention.Placeholders(hidden, heads), P(hidden), P(hidden), P(hidden, intermediate), P(intermediate), P(intermediate, hidden), P(hidden), P(hidden), P(hidden));
    }

    /// <summary>Attention and feed-forward, each with a residual and a LayerNorm.</summary>
    public Tensor Forward(Tensor x)
    {
        var h = Norm1(x + Attention.Forward(x));
        var f = Tensor.MatMul(Ops.Gelu(Tensor.MatMul(h, W1) + B1, GeluVariant.Quad), W2) + B2;
        return Norm2(h + f);
    }

    [FixedPoint(Precision.NonLinear)]
    private Tensor Norm1(Tensor x) => Ops.LayerNorm(x, Gamma1, Beta1, 1e-12);

    [FixedPoint(Precision.NonLinear)]
    private Tensor Norm2(Tensor x) => Ops.LayerNorm(x, Gamma2, Beta2, 1e-12);
}

/// <summary>A sample secure model for <c>ditto inspect</c>: a stack of encoder layers, run in a loop over an array of sub-models.</summary>
[SecureModel, FixedPoint(Precision.Linear)]
public sealed partial class EncoderStack(EncoderLayer[] layers)
{
    /// <summary>The layers.</summary>
    public EncoderLayer[] Layers { get; } = layers;

    /// <summary>Two BERT-base layers (768 wide, 12 heads, 3072 intermediate) for inspection.</summary>
    [InspectionSample("x=128x768")]
    public static EncoderStack Sample() => new([EncoderLayer.Placeholders(768, 12, 3072), EncoderLayer.Placeholders(768, 12, 3072)]);

    /// <summary>The first <paramref name="depth"/> layers (all by default).</summary>
    public Tensor Forward(Tensor x, int depth = int.MaxValue)
    {
        for (var i = 0; i < Layers.Length && i < depth; i++)
        {
            x = Layers[i].Forward(x);
        }

        return x;
    }
}
