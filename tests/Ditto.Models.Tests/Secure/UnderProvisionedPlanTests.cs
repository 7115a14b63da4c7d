using Ditto.Models.Gpt2;
using Ditto.Models.Hosting;
using Ditto.Models.Tests.Support;
using Ditto.Models.Tokenizers;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Engines.Clear;
using Xunit.Abstractions;

namespace Ditto.Models.Tests.Secure;

/// <summary>
/// A plan with too many fraction bits for its ring: the checking emulator names the line where a precondition breaks,
/// and its answer is as wrong as the three parties' answer, while the exact emulator hides the failure.
/// </summary>
public sealed class UnderProvisionedPlanTests(ITestOutputHelper output)
{
    [Fact]
    public void AttentionScoresInFxp32WithFourteenFractionBitsAreReportedAtTheirLineAndAsWrongAsOnThreeParties()
    {
        // Linear=32:14: the scores' products carry 28 fraction bits in a 32-bit ring, and the larger ones reach 2^31 > 2^30.
        const string name = "tiny-gpt2-quad";
        var gpt2 = TestData.Gpt2(name);
        var model = new DecoderModel(name, "test", gpt2, ModelTokenizers.Gpt2());
        var request = new InferenceRequest(["The Python interpreter is"], Generate: 1);
        var preset = Presets.Ditto;
        var plan = preset.Plan.WithOverrides("Linear=32:14");

        var checker = new RangeChecker();
        var checking = InferenceProgram.Run(BackendFactory.Checking(plan, preset.Approximations, checker), model, request)!.StepLogits![0];
        var exact = InferenceProgram.Run(BackendFactory.Emulated(plan, preset.Approximations), model, request)!.StepLogits![0];
        var secure = SecureRuns.Run(model, [request], preset, "Linear=32:14")[0].StepLogits![0];
        var plain = InferenceProgram.Run(BackendFactory.Float(plan), model, request)!.StepLogits![0];

        var preset8 = InferenceProgram.Run(BackendFactory.Emulated(preset.Plan, preset.Approximations), model, request)!.StepLogits![0];

        // Two findings in the attention scores: their sums leave the 32-bit ring (every backend wraps alike there, the
        // exact emulator too), and the scores' truncation at the line that computes them sees |x| ≥ 2^30.
        output.WriteLine(string.Join(Environment.NewLine, checker.Violations));
        Assert.Equal(2, checker.Violations.Count);
        Assert.All(checker.Violations, r => Assert.Contains("Gpt2Block.Attend/attention", r.Scope, StringComparison.Ordinal));
        Assert.All(checker.Violations, r => Assert.True(r.HeadroomBits < 0));
        Assert.Single(checker.Violations, r => r.Check == "matmul within the ring");
        var truncation = Assert.Single(checker.Violations, r => r.Check == "truncation input");
        Assert.Equal(ScoresLine(), truncation.Line);

        static double Error(float[] a, float[] b) => a.Zip(b, (x, y) => (double)Math.Abs(x - y)).Max();
        var (noise, exactError, checkingError, secureError) = (Error(preset8, plain), Error(exact, plain), Error(checking, plain), Error(secure, plain));
        output.WriteLine($"largest logit error against float: ditto preset {noise:F3}; Linear=32:14 exact emulator {exactError:F3}, checking emulator {checkingError:F3}, three parties {secureError:F3}");

        // The checking emulator and the protocol both leave float by far more than the preset's fixed-point noise, and
        // by amounts of the same order (each draws its own split, so the wrapped elements differ).
        Assert.True(checkingError > 3 * noise, $"checking emulator {checkingError} vs noise {noise}");
        Assert.True(secureError > 3 * noise, $"three parties {secureError} vs noise {noise}");
        Assert.InRange(checkingError / secureError, 0.33, 3);
    }

    [Fact]
    public void TheShippedPresetHasNoViolationOnTheSamePrompt()
    {
        var gpt2 = TestData.Gpt2("tiny-gpt2-quad");
        var model = new DecoderModel("tiny-gpt2-quad", "test", gpt2, ModelTokenizers.Gpt2());
        var checker = new RangeChecker();
        InferenceProgram.Run(BackendFactory.Checking(Presets.Ditto.Plan, Presets.Ditto.Approximations, checker), model, new InferenceRequest(["The Python interpreter is"], Generate: 2));
        Assert.Empty(checker.Violations);
        Assert.Contains(checker.Rows, r => r.Line == ScoresLine() && r.Check == "truncation input");
    }

    /// <summary>The line of Gpt2Block.cs that multiplies the queries by the keys.</summary>
    private static int ScoresLine()
    {
        var lines = File.ReadAllLines(Path.Combine(TestData.RepositoryRoot, "src", "Ditto.Models", "Gpt2", "Gpt2Block.cs"));
        return Array.FindIndex(lines, l => l.Contains("Tensor.MatMul(q, k, transposeB: true)", StringComparison.Ordinal)) + 1;
    }
}
