using Ditto.Models.Hosting;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Parties;

namespace Ditto.Models.Tests.Secure;

/// <summary>Runs requests through the secure engine: three in-process parties, one session (the weights shared once), one backend per party.</summary>
internal static class SecureRuns
{
    public static InferenceAnswer[] Run(LoadedModel model, IReadOnlyList<InferenceRequest> requests, ModelPreset preset, string? planOverrides = null, ulong seed = 1) =>
        RunCounted(model, requests, preset, planOverrides, seed).Answers;

    /// <summary><see cref="Run"/> with the session's rounds (the busiest party's count, weight sharing included).</summary>
    public static (InferenceAnswer[] Answers, long Rounds) RunCounted(LoadedModel model, IReadOnlyList<InferenceRequest> requests, ModelPreset preset, string? planOverrides = null, ulong seed = 1)
    {
        var plan = planOverrides is null ? preset.Plan : preset.Plan.WithOverrides(planOverrides);
        var session = InProcessSession.Run(party =>
        {
            var backend = BackendFactory.Mpc(party, plan, preset.Approximations);
            return requests.Select(r => InferenceProgram.Run(backend, model, party.Id == 0 ? r : null)).ToArray();
        }, new SessionOptions { Seed = seed });
        return ([.. session.Results[0].Select(a => a!)], session.Ledgers.Max(l => l.Total.Rounds));
    }

    /// <summary>The same requests on the float reference backend.</summary>
    public static InferenceAnswer[] Float(LoadedModel model, IReadOnlyList<InferenceRequest> requests) =>
        [.. requests.Select(r => InferenceProgram.Run(new FloatBackend(Presets.Ditto.Plan), model, r)!)];
}
