namespace Ditto.Runtime.FixedPoint;

/// <summary>
/// A product or conversion whose resolved formats and size break the headroom rule (<see cref="Headroom"/>),
/// found by a fixed-point backend on first use: the model scope that ran it, the operation and why.
/// </summary>
/// <param name="Scope">The model method ("BertLayer.Forward").</param>
/// <param name="Operation">"matmul", "multiply" or "cast".</param>
/// <param name="Problem">The formats, the size and the bits they need.</param>
public sealed record HeadroomWarning(string Scope, string Operation, string Problem)
{
    /// <summary>"BertLayer.Forward: matmul fxp32.14 × fxp32.14 over K = 768 needs …".</summary>
    public override string ToString() => $"{Scope}: {Operation} {Problem}";
}
