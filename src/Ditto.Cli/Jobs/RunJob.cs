using System.Text.Json;
using Ditto.Cli.Running;
using Ditto.Models.Hosting;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Parties;

namespace Ditto.Cli.Jobs;

/// <summary>
/// `run`: secure inference of any model, one party per process. The model owner (party 1) loads the weights; the
/// client (party 0) and the helper (party 2) load only the shapes (and the client the tokenizer). Only the client
/// reads the texts.
/// </summary>
internal sealed class RunJob : IPartyJob
{
    public string Name => "run";

    public string Description => "secure inference of a model (`ditto run --processes`); arguments as JSON";

    public IReadOnlyList<string>? Scopes => null;

    public object? Run(Party party, string? arguments)
    {
        var spec = (arguments is null ? null : JsonSerializer.Deserialize<RunSpec>(arguments, PartyOutput.Json))
            ?? throw new ArgumentException("The run job needs its arguments (--job-args with the model, texts and preset as JSON).");
        var (_, plan, approximations) = spec.Settings();
        var model = ModelSources.Load(spec.Model, shapesOnly: party.Id != 1);
        var backend = BackendFactory.Mpc(party, plan, approximations);
        return InferenceProgram.Run(backend, model, party.Id == 0 ? spec.Request() : null);
    }
}
