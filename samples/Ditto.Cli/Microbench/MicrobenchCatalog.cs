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
        };
}
