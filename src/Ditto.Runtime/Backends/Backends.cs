using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Engines.Clear;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Backends;

/// <summary>Factories for the three backends.</summary>
public static class BackendFactory
{
    /// <summary>The float reference.</summary>
    public static FloatBackend Float(PrecisionPlan? plan = null) => new(plan);

    /// <summary>The clear fixed-point emulator.</summary>
    public static FixedPointBackend<ClearTensor, ClearBits> Emulated(PrecisionPlan plan, Approximations approximations) =>
        new("emulated", new ClearEngine(), plan, approximations);

    /// <summary>One party of the three-party engine.</summary>
    public static FixedPointBackend<ArithmeticShare, BooleanShare> Mpc(Party party, PrecisionPlan plan, Approximations approximations) =>
        new("mpc", new SecretEngine(party), plan, approximations, name => party.Scope(name), rootScope: name => party.Ledger.RootScope(name));
}
