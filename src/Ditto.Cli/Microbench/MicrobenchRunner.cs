using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;

namespace Ditto.Cli.Microbench;

/// <summary>
/// Runs a micro-benchmark with three in-process parties: inputs are shared first (not measured), the parties' round clocks
/// are levelled, then the operation runs in the cost scope "op", then the result is opened (not measured). Time is the median over repetitions of the
/// slowest party's time in the operation; bytes and rounds come from the ledger of the last repetition.
/// </summary>
internal static class MicrobenchRunner
{
    public static MicrobenchResult Run(string op, int ring, string shape, MicrobenchCase benchCase, int repetitions, ulong seed, string notes, ProgressMonitor? progress = null)
    {
        var seconds = new List<double>();
        Ditto.Runtime.Ledger.CostRow? cost = null;
        float[]? opened = null;
        for (var rep = 0; rep < repetitions; rep++)
        {
            var result = InProcessSession.Run(party =>
            {
                var shares = new List<ArithmeticShare>();
                var engine = new SecretEngine(party);
                var bits = new List<BooleanShare>();
                using (party.Scope("input"))
                {
                    foreach (var input in benchCase.Inputs)
                    {
                        shares.Add(party.Share(0, party.Id == 0 ? input.Values : null, input.Shape, input.Format));
                    }

                    if (benchCase.BitInputs)
                    {
                        bits.AddRange(shares.Select(engine.ToBits));
                    }
                }

                using (party.Scope("sync"))
                {
                    Barrier(party);
                }

                object output;
                using (party.Scope("op"))
                {
                    output = benchCase.SecureMixed is { } mixed ? mixed(party, shares, bits) : benchCase.Secure!(party, shares);
                }

                using (party.Scope("reveal"))
                {
                    var arithmetic = output as ArithmeticShare ?? engine.ToArithmetic((BooleanShare)output, benchCase.BitsFormat);
                    return party.Open(arithmetic);
                }
            }, new SessionOptions { Seed = seed + (ulong)rep, Progress = progress });
            cost = result.Report.ForScope("op");
            seconds.Add(cost.Seconds);
            opened = result.Results[0];
        }

        var expected = benchCase.Reference(benchCase.Inputs.Select(i => i.Values).ToList());
        var (maxErr, meanErr) = Errors(opened!, expected);
        seconds.Sort();
        var median = seconds[seconds.Count / 2];
        var elements = benchCase.Inputs.Count == 0 ? 0 : expected.LongLength;
        // The estimates take the median time as the compute part, with the op's bytes and rounds.
        var measured = cost! with { Seconds = median };
        return new MicrobenchResult(op, ring, shape, elements, median, cost.BytesPerParty, cost.BytesTotal,
            elements == 0 ? 0 : (double)cost.BytesTotal / elements, cost.Rounds, cost.AheadRounds, maxErr, meanErr, repetitions,
            NetworkEstimate.Seconds(measured, NetworkProfile.Lan), NetworkEstimate.Seconds(measured, NetworkProfile.Wan), notes);
    }

    /// <summary>
    /// Two all-to-all exchanges of one byte (not measured): afterwards the parties' round clocks are equal, so the op's
    /// rounds are counted from a common start rather than from wherever the input sharing left each party.
    /// </summary>
    private static void Barrier(Party party)
    {
        var one = new byte[1];
        for (var step = 0; step < 2; step++)
        {
            party.Comm.SendBytes(party.Comm.Next, one, ahead: false);
            party.Comm.SendBytes(party.Comm.Previous, one, ahead: false);
            party.Comm.ReceiveBytes(party.Comm.Next, one);
            party.Comm.ReceiveBytes(party.Comm.Previous, one);
        }
    }

    private static (double Max, double Mean) Errors(float[] actual, float[] expected)
    {
        if (actual.Length != expected.Length)
        {
            throw new InvalidOperationException($"The secure result has {actual.Length} elements but the reference has {expected.Length}.");
        }

        double max = 0, sum = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var e = Math.Abs((double)actual[i] - expected[i]);
            max = Math.Max(max, e);
            sum += e;
        }

        return (max, actual.Length == 0 ? 0 : sum / actual.Length);
    }
}
