using Ditto.Runtime.Protocols.Conversion;

namespace Ditto.Cli.Microbench;

/// <summary>Every operation `ditto microbench` knows, with a line of help each.</summary>
internal static class MicrobenchCatalog
{
    public static readonly IReadOnlyDictionary<string, (string Help, Func<MicrobenchArgs, MicrobenchCase> Build)> Cases =
        new Dictionary<string, (string, Func<MicrobenchArgs, MicrobenchCase>)>(StringComparer.Ordinal)
        {
            ["mul"] = ("element-wise product of two secrets (no truncation); shape = element count", ArithmeticCases.Mul),
            ["matmul"] = ("[M×K]·[K×N] of two secrets (no truncation); shape = MxKxN", ArithmeticCases.MatMul),
            ["matmul-private"] = ("party 0's private [M×K] (one-hot rows) times a shared [K×N] table: the embedding lookup; shape = MxKxN", ArithmeticCases.MatMulPrivate),
            ["trunc"] = ("truncation by f bits of values with 2f fraction bits; shape = element count", ArithmeticCases.Trunc),
            ["upcast"] = ("cast fxp32.8 → fxp64.18, default upcast (high-part sharing, 2 rounds); shape = element count", ConversionCases.Upcast(UpcastMethod.HighPart)),
            ["upcast-1round"] = ("cast fxp32.8 → fxp64.18 by high-part sharing in 1 round; shape = element count", ConversionCases.Upcast(UpcastMethod.HighPartOneRound)),
            ["upcast-dealer"] = ("cast fxp32.8 → fxp64.18 by the reference mask-and-open with a dealer (Ditto Alg. 1); shape = element count", ConversionCases.Upcast(UpcastMethod.MaskAndOpen)),
            ["upcast-exact"] = ("cast fxp32.8 → fxp64.18 exactly on the whole ring (needs the boolean protocols); shape = element count", ConversionCases.Upcast(UpcastMethod.Exact)),
            ["downcast"] = ("cast fxp64.18 → fxp32.8, default downcast (fused, 1 round); shape = element count", ConversionCases.Downcast(DowncastMethod.Fused)),
            ["downcast-reference"] = ("cast fxp64.18 → fxp32.8 by truncation in the 64-bit ring, then reduction (Ditto Alg. 4); shape = element count", ConversionCases.Downcast(DowncastMethod.TruncateThenReduce)),
            ["ffn-block"] = ("BERT feed-forward block under four plans in one run: all fxp64.18, Ditto's (linear fxp32.8, GeLU fxp64.18) with our and with the reference conversions, all fxp32.8; shape = MxDxH", args => FfnBlockCases.Build(args, "ditto")),
            ["rescale"] = ("cast fxp{ring}.{f+10} → fxp{ring}.{f} within one ring (truncation); shape = element count", ConversionCases.Rescale),
        };
}
