namespace Ditto.Runtime.Functions;

/// <summary>GeLU approximations.</summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    /// <summary>
    /// MPCFormer's quad GeLU 0.125x² + 0.25x + 0.5, computed as 0.125·x·(x + 2) + 0.5: one fused multiply-and-truncate
    /// (by f + 3 bits, which also applies the 1/8). Needs |x·(x+2)| below the ring's headroom at 2f fraction bits
    /// (|x| &lt; 8190 in fxp64.18, 126 in fxp32.8).
    /// </summary>
    public TA GeluQuad(TA x)
    {
        var format = Engine.FormatOf(x);
        var eighth = MultiplyShift(x, Engine.AddConstant(x, 2.0), format.FractionBits + 3, format.FractionBits);
        return Engine.AddConstant(eighth, 0.5);
    }
}
