using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Tensors;

namespace Ditto.Cli.Microbench;

/// <summary>
/// Micro-benchmarks of the conversions (docs/protocols.md, Conversions): Ditto's upcast fxp32.8 → fxp64.18 and downcast
/// fxp64.18 → fxp32.8 with each protocol, and a rescale within one ring. Inputs span the whole allowed range.
/// </summary>
internal static class ConversionCases
{
    /// <summary>fxp32.8 → fxp64.18 with the given upcast, through the one Cast; exact, so the error is 0.</summary>
    public static Func<MicrobenchArgs, MicrobenchCase> Upcast(UpcastMethod method) => args =>
    {
        var n = args.Elements("upcast");
        var (from, to) = (FixedPointFormat.Ring32, FixedPointFormat.Ring64);

        // |v| < 2^15, so that the float reference holds every value exactly (the tests cover the whole range |v| < 2^22, and
        // the whole 32-bit ring for the exact method; the encoding itself saturates at 2^22). The cost does not depend on the values.
        var x = args.Uniform(n, -32768, 32768);
        var options = new CastOptions { Upcast = method };
        return new MicrobenchCase(
            [new BenchInput(x, TensorShape.Vector(n), from)],
            (party, s) => party.Cast(s[0], to, options),
            v => [.. v[0].Select(a => ArithmeticCases.Quantize(a, from))]);
    };

    /// <summary>fxp64.18 → fxp32.8 with the given downcast; error below one unit of fxp32.8 (2^−8) beyond the floor.</summary>
    public static Func<MicrobenchArgs, MicrobenchCase> Downcast(DowncastMethod method) => args =>
    {
        var n = args.Elements("downcast");
        var (from, to) = (FixedPointFormat.Ring64, FixedPointFormat.Ring32);
        // |v| < 1000, so that float resolves the 2^−8 error (the tests cover the whole range).
        var x = args.Uniform(n, -1000, 1000);
        var options = new CastOptions { Downcast = method };
        return new MicrobenchCase(
            [new BenchInput(x, TensorShape.Vector(n), from)],
            (party, s) => party.Cast(s[0], to, options),
            v => [.. v[0].Select(a => ArithmeticCases.Quantize(a, from))]);
    };

    /// <summary>fxp{ring}.{f+10} → fxp{ring}.{f}: removing Ditto's 10-bit fraction gap within one ring (a truncation).</summary>
    public static MicrobenchCase Rescale(MicrobenchArgs args)
    {
        var n = args.Elements("rescale");
        var from = new FixedPointFormat(args.Ring, args.FractionBits + 10);
        // |v| < 16, so that float resolves one unit of fxp64.18 in the error.
        var x = args.Uniform(n, -16, 16);
        return new MicrobenchCase(
            [new BenchInput(x, TensorShape.Vector(n), from)],
            (party, s) => party.Cast(s[0], args.Format),
            v => [.. v[0].Select(a => ArithmeticCases.Quantize(a, from))]);
    }
}
