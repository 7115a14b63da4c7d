using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Tests.Ledger;

public class NetworkEstimateTests
{
    [Fact]
    public void TheEstimateIsComputePlusBusiestPartyBytesOverBandwidthPlusRoundsTimesRtt()
    {
        var row = new CostRow("", "total", 3, [1_000_000, 5_000_000, 0], Rounds: 10, AheadRounds: 4, Seconds: 0.25);
        Assert.Equal(0.25 + (5e6 * 8 / 5e9) + (10 * 0.0004), NetworkEstimate.Seconds(row, NetworkProfile.Lan), 12);
        Assert.Equal(0.25 + (5e6 * 8 / 400e6) + (10 * 0.040), NetworkEstimate.Seconds(row, NetworkProfile.Wan), 12);
    }

    [Fact]
    public void TheProgressMonitorSeesEveryPartysBytesScopesAndSteps()
    {
        var steps = new List<string>();
        var monitor = new ProgressMonitor { ExpectedScopes = ["a", "b"] };
        monitor.ProtocolStarted += (_, step) =>
        {
            lock (steps)
            {
                steps.Add(step);
            }
        };
        double? fractionInB = null;
        var result = InProcessSession.Run(party =>
        {
            ArithmeticShare x;
            using (party.Scope("a"))
            {
                x = party.Share(0, party.Id == 0 ? new float[16] : null, TensorShape.Vector(16), FixedPointFormat.Ring64);
            }

            using (party.Scope("b"))
            {
                if (party.Id == 0)
                {
                    fractionInB = monitor.Fraction;
                }

                return party.Open(party.Multiply(x, x));
            }
        }, new SessionOptions { Seed = 3, Progress = monitor });
        Assert.Equal(result.Report.Total.BytesTotal, monitor.BytesSent);
        Assert.Equal(3 * 4, monitor.ProtocolCalls); // setup, input, mul, open on each party
        Assert.Equal(3, steps.Count(s => s == "setup"));
        Assert.Equal(3, steps.Count(s => s == "b: mul"));
        Assert.Equal(0.5, fractionInB);
        Assert.Equal(string.Empty, monitor.Scope);
        Assert.Equal("b: open", monitor.Step);
        Assert.Null(new ProgressMonitor().Remaining);
    }
}
