using Ditto.Generators.Tests.Harness;
using Ditto.Runtime.Backends;
using Xunit.Abstractions;

namespace Ditto.Generators.Tests;

/// <summary>
/// One generated body, three backends: for every snapshot model (compiled in this project by the generator running as a
/// real analyzer), the twin on the float backend equals the hand-written plaintext method exactly, and on the emulator
/// it equals the three-party engine up to truncation noise.
/// </summary>
public class BackendEquivalenceTests(ITestOutputHelper output)
{
    public static TheoryData<string> AllModels => [.. ModelCase.All.Select(c => c.Name)];


    [Theory]
    [MemberData(nameof(AllModels))]
    public void TheTwinOnTheFloatBackendEqualsThePlaintextMethodExactly(string name)
    {
        var c = ModelCase.All.Single(m => m.Name == name);
        foreach (var plan in new[] { PrecisionPlan.Ditto, PrecisionPlan.Puma })
        {
            var backend = BackendFactory.Float(plan);
            var twin = backend.Reveal(c.RunTwin(backend, c.Input), null)!;
            var plain = c.Plain(c.Input);
            Assert.Equal(plain.Shape, twin.Shape);
            Assert.Equal(plain.Data, twin.Data);
        }
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void TheTwinOnTheEmulatorEqualsTheMpcEngineUpToTruncationNoise(string name)
    {
        var c = ModelCase.All.Single(m => m.Name == name);
        var plan = c.MpcPlan;
        var approximations = c.Approximations;
        var emulated = BackendFactory.Emulated(plan, approximations);
        var clear = emulated.Reveal(c.RunTwin(emulated, c.Input), null)!.Data;
        var secure = Sessions.Run(party =>
        {
            var b = BackendFactory.Mpc(party, plan, approximations);
            return b.Reveal(c.RunTwin(b, party.Id == b.ClientId ? c.Input : null), b.ClientId)?.Data;
        }).Results[0]!;
        var (ring, fraction) = c.Method.ReturnFormat.Resolve(plan);
        var ulp = Math.ScaleB(1.0, -fraction);
        var plain = c.Plain(c.Input).Data;
        var worst = secure.Zip(clear, (s, e) => Math.Abs(s - e)).Max();
        var quantization = clear.Zip(plain, (e, p) => Math.Abs(e - p)).Max();
        output.WriteLine($"{name}: |mpc − emulated| ≤ {worst / ulp:0.##} ulp (bound {c.NoiseUlps}), |emulated − float| ≤ {quantization:0.####} (fxp{ring}.{fraction})");
        Assert.Equal(clear.Length, secure.Length);
        Assert.InRange(worst, 0, c.NoiseUlps * ulp);

        // The emulator is close to float too: quantization error only (a loose sanity bound).
        Assert.InRange(quantization, 0, 0.25);
    }
}
