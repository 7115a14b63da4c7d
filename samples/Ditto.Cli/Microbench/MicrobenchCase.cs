using Ditto.Runtime.Engine;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Cli.Microbench;

/// <summary>One secret input of a micro-benchmark: clear values, shape and format (shared by party 0).</summary>
internal sealed record BenchInput(float[] Values, TensorShape Shape, FixedPointFormat Format);

/// <summary>
/// A prepared micro-benchmark: its inputs, the secure computation (run by every party on the shared inputs; what it
/// returns is opened after the measured part) and the float reference the opened result is compared with.
/// </summary>
internal sealed record MicrobenchCase(
    IReadOnlyList<BenchInput> Inputs,
    Func<Party, IReadOnlyList<ArithmeticShare>, ArithmeticShare> Secure,
    Func<IReadOnlyList<float[]>, float[]> Reference);
