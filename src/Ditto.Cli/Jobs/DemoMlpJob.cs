using Ditto.Cli.Demo;
using Ditto.Runtime.Parties;

namespace Ditto.Cli.Jobs;

/// <summary>The client's view of the demo MLP's output: a Batch × Outputs matrix, row-major.</summary>
internal sealed record MlpOutput(int Rows, int Columns, float[] Values);

/// <summary>`demo-mlp`: exactly the computation of `ditto demo`, one party per process.</summary>
internal sealed class DemoMlpJob : IPartyJob
{
    public string Name => "demo-mlp";

    public string Description => "the small secure MLP of `ditto demo` (client input, owner weights, output to the client)";

    public IReadOnlyList<string>? Scopes => MlpDemo.Scopes;

    public object? Run(Party party, string? arguments) =>
        MlpDemo.SecureAs(party, MlpData.Create()) is { } y ? new MlpOutput(MlpDemo.Batch, MlpDemo.Outputs, y) : null;
}
