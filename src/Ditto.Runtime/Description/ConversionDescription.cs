namespace Ditto.Runtime.Description;

/// <summary>One conversion the generator inserted: from which format to which, why, and the source line of the value converted.</summary>
/// <param name="From">The format of the value before the conversion.</param>
/// <param name="To">The format after it.</param>
/// <param name="Reason">Why the generator inserted it ("truncation after the matmul", "argument 'x' of Attention.Forward is declared fxp64.18").</param>
/// <param name="Line">The 1-based source line of the converted expression.</param>
public sealed record ConversionDescription(FormatDescription From, FormatDescription To, string Reason, int Line)
{
    /// <summary>True when the plan makes the two formats equal, so the conversion costs nothing in that run.</summary>
    public bool IsFreeUnder(Backends.PrecisionPlan plan) => From.Resolve(plan) == To.Resolve(plan);
}
