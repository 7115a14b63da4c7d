using Ditto.Runtime.Engines.Clear;
using Ditto.Runtime.Engines.Cost;
using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Backends;

/// <summary>Factories for the backends: the float reference, and the one fixed-point backend over each engine.</summary>
public static class BackendFactory
{
    /// <summary>The float reference.</summary>
    public static FloatBackend Float(PrecisionPlan? plan = null) => new(plan);

    /// <summary>The clear fixed-point emulator.</summary>
    public static FixedPointBackend<ClearTensor, ClearBits> Emulated(PrecisionPlan plan, Approximations approximations) =>
        new("emulated", new ClearEngine(), plan, approximations);

    /// <summary>
    /// The checking emulator: the clear engine with a range checker, which records every precondition the protocols rely
    /// on per scope and source line and computes what the protocols compute where one is broken (see <see cref="RangeChecker"/>).
    /// </summary>
    public static FixedPointBackend<ClearTensor, ClearBits> Checking(PrecisionPlan plan, Approximations approximations, RangeChecker checker)
    {
        ArgumentNullException.ThrowIfNull(checker);
        return new("emulated", new ClearEngine(checker), plan, approximations, checker.Scope, rootScope: checker.RootScope, site: checker.At);
    }

    /// <summary>One party of the three-party engine; <paramref name="castOptions"/> chooses the conversion protocols and whether a reveal rounds exactly (default: on).</summary>
    public static FixedPointBackend<ArithmeticShare, BooleanShare> Mpc(Party party, PrecisionPlan plan, Approximations approximations, CastOptions? castOptions = null) =>
        new("mpc", new SecretEngine(party) { CastOptions = castOptions ?? CastOptions.Default }, plan, approximations, name => party.Scope(name), rootScope: name => party.Ledger.RootScope(name));

    /// <summary>
    /// The backend that computes nothing and prices everything: the fixed-point backend over the cost engine, recording
    /// what each scope's protocols send into <paramref name="recorder"/>. A twin run on it costs exactly the bytes the
    /// three-party engine sends (the code takes the same branches, which depend on shapes and formats only).
    /// </summary>
    public static FixedPointBackend<CostTensor, CostBits> Estimate(PrecisionPlan plan, Approximations approximations, CostRecorder recorder, CastOptions? castOptions = null)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        return new("estimate", new CostEngine(castOptions, recorder), plan, approximations, recorder.Scope, rootScope: recorder.RootScope);
    }
}
