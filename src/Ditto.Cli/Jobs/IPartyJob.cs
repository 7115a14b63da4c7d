using Ditto.Runtime.Parties;

namespace Ditto.Cli.Jobs;

/// <summary>
/// A named computation that `ditto party` runs: every party runs the same job on its own <see cref="Party"/> (SPMD).
/// Party 0 is the client (provides the input, receives the output), party 1 the model owner (provides the weights),
/// party 2 the helper. A job loads only what its party owns.
/// </summary>
internal interface IPartyJob
{
    /// <summary>The name given to `--job`.</summary>
    string Name { get; }

    /// <summary>One line for `--help`.</summary>
    string Description { get; }

    /// <summary>The top-level cost scopes the job enters, in order, for progress estimates (null if not known).</summary>
    IReadOnlyList<string>? Scopes { get; }

    /// <summary>
    /// Runs the job as this party with the arguments given to `--job-args` (JSON, or null). Returns a JSON-serialisable
    /// result on party 0 and null on the others.
    /// </summary>
    object? Run(Party party, string? arguments);
}
