using System.Text.Json;
using Ditto.Cli.Bench;
using Ditto.Models.Hosting;
using Ditto.Models.Synthetic;
using Ditto.Runtime.Parties;

namespace Ditto.Cli.Jobs;

/// <summary>
/// `bench`: one `ditto bench` run with one party per process (`ditto bench --processes`, or three `ditto party` processes
/// in shaped network namespaces). The model owner (party 1) builds the random weights from the seed; the client and the
/// helper build placeholders with the same shapes. Party 0's result is the measured pass's wall time in seconds.
/// </summary>
internal sealed class BenchJob : IPartyJob
{
    public const string JobName = "bench";

    public string Name => JobName;

    public string Description => "one `ditto bench` run (model, seq, generate, preset, seed as JSON)";

    public IReadOnlyList<string>? Scopes => null;

    public object? Run(Party party, string? arguments)
    {
        var spec = (arguments is null ? null : JsonSerializer.Deserialize<BenchSpec>(arguments, PartyOutput.Json))
            ?? throw new ArgumentException("The bench job needs its arguments (--job-args with model, seq, generate, preset and seed as JSON).");
        var model = BenchmarkModels.Create(spec.Model, spec.Seed, shapesOnly: party.Id != 1);
        BenchRunner.Check(model, spec.Seq, spec.Generate);
        var seconds = BenchRunner.Party(party, spec, model);
        return party.Id == 0 ? seconds : null;
    }
}
