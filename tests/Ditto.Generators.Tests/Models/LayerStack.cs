using Ditto;

namespace Ditto.Generators.Tests.Models;

/// <summary>One block of a stack: a linear layer and quad GeLU.</summary>
[SecureModel, FixedPoint(32, 8)]
public sealed partial class Block(Tensor w, Tensor b, bool skip = false)
{
    public bool Skip { get; } = skip;

    [Weight] public Tensor W { get; } = w;

    [Weight] public Tensor B { get; } = b;

    public Tensor Forward(Tensor x) => Ops.Gelu(Tensor.MatMul(x, W) + B, GeluVariant.Quad);
}

/// <summary>Loops over layers: an array of sub-models with residuals, a foreach with a public condition, a while loop.</summary>
[SecureModel, FixedPoint(32, 8)]
public sealed partial class LayerStack(Block[] layers, Block head)
{
    public Block[] Layers { get; } = layers;

    public Block Head { get; } = head;

    public Tensor Forward(Tensor x, int depth = 2)
    {
        for (var i = 0; i < Math.Min(depth, Layers.Length); i++)
        {
            x = Layers[i].Forward(x) + x;
        }

        var sum = x;
        foreach (var layer in Layers)
        {
            if (layer.Skip)
            {
                continue;
            }

            sum -= layer.Forward(x) * 0.5;
        }

        var rounds = 0;
        while (rounds < depth)
        {
            sum = Head.Forward(sum);
            rounds++;
        }

        return sum;
    }
}
