namespace Ditto.Runtime.Functions;

/// <summary>Functions that need the boolean protocols (comparison, bit decomposition); they arrive with the function-library issue.</summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    /// <summary>e^x.</summary>
    public TA Exp(TA x, int iterations) => throw Pending(nameof(Exp));

    /// <summary>1/x.</summary>
    public TA Reciprocal(TA x, int iterations) => throw Pending(nameof(Reciprocal));

    /// <summary>1/√x.</summary>
    public TA Rsqrt(TA x) => throw Pending(nameof(Rsqrt));

    /// <summary>√x.</summary>
    public TA Sqrt(TA x) => throw Pending(nameof(Sqrt));

    /// <summary>max(x, 0).</summary>
    public TA Relu(TA x) => throw Pending(nameof(Relu));

    /// <summary>Max over the last axis.</summary>
    public TA Max(TA x) => throw Pending(nameof(Max));

    /// <summary>PUMA's GeLU.</summary>
    public TA GeluPuma(TA x) => throw Pending(nameof(GeluPuma));

    /// <summary>tanh-form GeLU.</summary>
    public TA GeluTanh(TA x) => throw Pending(nameof(GeluTanh));

    /// <summary>Softmax over the last axis.</summary>
    public TA Softmax(TA x, Backends.Approximations approximations, Ditto.Runtime.FixedPoint.FixedPointFormat? expFormat, bool causal) => throw Pending(nameof(Softmax));

    /// <summary>LayerNorm over the last axis.</summary>
    public TA LayerNorm(TA x, TA gamma, TA beta, double eps) => throw Pending(nameof(LayerNorm));

    private static NotSupportedException Pending(string name) => new($"{name} needs the boolean protocols, which are not available yet.");
}
