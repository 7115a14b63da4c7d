using Ditto.Runtime.Engines.Clear;
using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.Protocols;

namespace Ditto.Runtime.Tests;

/// <summary>Runs one program, written once against the engine interface, on the clear emulator and on the three parties.</summary>
internal static class EngineHarness
{
    /// <summary>The clear engine's result and party 0's secure result (a program reveals to all or to party 0).</summary>
    public static (T Clear, T Secure) Both<T>(Func<ClearEngine, T> clear, Func<SecretEngine, T> secure, ulong seed = 1)
    {
        var c = clear(new ClearEngine());
        var s = TestSessions.Run(party => secure(new SecretEngine(party)), seed).Results[0];
        return (c, s);
    }

    /// <summary>Uniform floats in [lo, hi].</summary>
    public static float[] Uniform(int seed, int n, double lo, double hi)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (float)(lo + (random.NextDouble() * (hi - lo))))];
    }
}
