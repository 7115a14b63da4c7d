using Ditto.Runtime.FixedPoint;
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
            ["trunc-exact"] = ("the same truncation rounded exactly, as before a reveal (MSB + one bit injected); shape = element count", ArithmeticCases.TruncExact),
            ["upcast"] = ("cast fxp32.8 → fxp64.18, default upcast (high-part sharing, 2 rounds); shape = element count", ConversionCases.Upcast(UpcastMethod.HighPart)),
            ["upcast-1round"] = ("cast fxp32.8 → fxp64.18 by high-part sharing in 1 round; shape = element count", ConversionCases.Upcast(UpcastMethod.HighPartOneRound)),
            ["upcast-dealer"] = ("cast fxp32.8 → fxp64.18 by the reference mask-and-open with a dealer (Ditto Alg. 1); shape = element count", ConversionCases.Upcast(UpcastMethod.MaskAndOpen)),
            ["upcast-exact"] = ("cast fxp32.8 → fxp64.18 exactly on the whole 32-bit ring, no precondition (carry circuit, B2A, one 32-bit message); shape = element count", ConversionCases.Upcast(UpcastMethod.Exact)),
            ["downcast"] = ("cast fxp64.18 → fxp32.8, default downcast (fused, 1 round); shape = element count", ConversionCases.Downcast(DowncastMethod.Fused)),
            ["downcast-reference"] = ("cast fxp64.18 → fxp32.8 by truncation in the 64-bit ring, then reduction (Ditto Alg. 4); shape = element count", ConversionCases.Downcast(DowncastMethod.TruncateThenReduce)),
            ["ffn-block"] = ("BERT feed-forward block plus LayerNorm (fxp64.18) under four plans in one run: all fxp64.18, Ditto's (linear fxp32.8, GeLU and LayerNorm fxp64.18) with our and with the reference conversions, block in fxp32.8; shape = MxDxH", args => FfnBlockCases.Build(args, "ditto")),
            ["rescale"] = ("cast fxp{ring}.{f+10} → fxp{ring}.{f} within one ring (truncation); shape = element count", ConversionCases.Rescale),
            ["and"] = ("AND of two k-bit boolean shares (operands from an unmeasured A2B); shape = element count", BooleanCases.And),
            ["a2b"] = ("bit decomposition, Sklansky adder (opened through an unmeasured B2A); shape = element count", BooleanCases.A2B),
            ["msb"] = ("most significant bit [x < 0]; shape = element count", BooleanCases.Msb),
            ["eq"] = ("equality by zero test; shape = element count", BooleanCases.Equal),
            ["max"] = ("max of two secrets (element count) or over the last axis (rows x width)", BooleanCases.Max),
            ["relu"] = ("max(x, 0); shape = element count", BooleanCases.Relu),
            ["b2a"] = ("one bit to fixed-point 1.0 (the bit from an unmeasured A2B); shape = element count", BooleanCases.B2A),
            ["exp"] = ("e^x on [-14, 0] with --exp-iters multiplications (softmax's exponent); shape = element count", FunctionCases.Exp),
            ["exp-full"] = ("e^x on the whole format by range reduction, inputs in [-20, 10]; shape = element count", FunctionCases.ExpFull),
            ["sigmoid"] = ("the logistic function on [-30, 30]; shape = element count", FunctionCases.Sigmoid),
            ["tanh"] = ("tanh on [-30, 30]; shape = element count", FunctionCases.Tanh),
            ["silu"] = ("SiLU on [-30, 30]; shape = element count", FunctionCases.Silu),
            ["reciprocal"] = ("1/x on [1, 4096], Goldschmidt; shape = element count", FunctionCases.Reciprocal),
            ["rsqrt"] = ("1/sqrt(x) on [0.01, 1e4]; shape = element count", FunctionCases.Rsqrt),
            ["gelu-puma"] = ("PUMA's piecewise GeLU on [-8, 8] vs erf-GeLU; shape = element count", FunctionCases.GeluPuma),
            ["gelu-tanh"] = ("tanh GeLU with SPU's Chebyshev tanh on [-8, 8]; shape = element count", FunctionCases.GeluTanh),
            ["gelu-quad"] = ("MPCFormer's quad GeLU on [-8, 8]; shape = element count", FunctionCases.GeluQuad),
            ["softmax"] = ("exact softmax over the last axis, --exp-iters; shape = rows x width", FunctionCases.Softmax),
            ["softmax-ditto"] = ("exact softmax as the ditto preset runs it: max and subtraction in the input's format (--ring 32), exp to product in fxp64.18, --exp-iters; shape = rows x width", FunctionCases.SoftmaxDitto),
            ["softmax-2quad"] = ("2Quad softmax over the last axis; shape = rows x width", FunctionCases.SoftmaxTwoQuad),
            ["layernorm"] = ("LayerNorm over the last axis; shape = rows x width", FunctionCases.LayerNorm),
        };
}
