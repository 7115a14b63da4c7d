using Ditto.Runtime.Kernels;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Kernels;

/// <summary>Float kernels of the plaintext reference.</summary>
public static class FloatKernels
{
    /// <summary>C = op(A)·op(B) with the batching rules of <see cref="MatMulShapes"/>, on the same blocked kernel as the rings.</summary>
    public static float[] MatMul(float[] a, float[] b, MatMulDims d)
    {
        var c = new float[d.Batch * d.M * d.N];
        MatMulKernel.Multiply(a, b, c, d);
        return c;
    }
}
