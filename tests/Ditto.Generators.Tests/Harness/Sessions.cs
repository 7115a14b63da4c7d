using Ditto.Runtime.Parties;

namespace Ditto.Generators.Tests.Harness;

/// <summary>Three in-process parties with a fixed seed (as the runtime's tests run them).</summary>
internal static class Sessions
{
    public static SessionResult<T> Run<T>(Func<Party, T> program, ulong seed = 1) =>
        InProcessSession.Run(program, new SessionOptions { Seed = seed, ReceiveTimeout = TimeSpan.FromSeconds(60) });
}
