namespace Ditto.Runtime.Functions;

/// <summary>GeLU approximations.</summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    /// <summary>
    /// MPCFormer's quad GeLU 0.125x² + 0.25x + 0.5, computed as 0.125·x·(x + 2) + 0.5: one multiplication and one
    /// truncation (by f + 3 bits, which also applies the 1/8). Needs |x·(x+2)| below the ring's headroom at 2f fraction bits.
    /// </summary>
    public TA GeluQuad(TA x)
    {
        var format = Engine.FormatOf(x);
        var product = Engine.Multiply(x, Engine.AddConstant(x, 2.0));
        var eighth = Engine.Truncate(product, format.FractionBits + 3);
        return Engine.AddConstant(Engine.Relabel(eighth, format), 0.5);
    }
}
