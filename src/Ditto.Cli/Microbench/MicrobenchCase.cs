using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;
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
    Func<Party, IReadOnlyList<ArithmeticShare>, ArithmeticShare>? Secure,
    Func<IReadOnlyList<float[]>, float[]> Reference)
{
    /// <summary>
    /// For boolean operations, used instead of <see cref="Secure"/>: gets the shared inputs and, with <see cref="BitInputs"/>,
    /// their bits (A2B, not measured); returns an arithmetic or a boolean share. A boolean result is turned into an
    /// arithmetic one labelled <see cref="BitsFormat"/> (B2A, not measured) before it is opened.
    /// </summary>
    public Func<Party, IReadOnlyList<ArithmeticShare>, IReadOnlyList<BooleanShare>, object>? SecureMixed { get; init; }

    /// <summary>Whether the inputs are also decomposed into bits before the measured part.</summary>
    public bool BitInputs { get; init; }

    /// <summary>The format a boolean result's integer value is read in when it is opened.</summary>
    public FixedPointFormat BitsFormat { get; init; }
}
