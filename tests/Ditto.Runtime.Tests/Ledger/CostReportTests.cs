using System.Text.Json;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Ledger;

public class CostReportTests
{
    [Fact]
    public void CostsAreGroupedByScopeAndOperationAndExportAsJson()
    {
        var report = Run(party =>
        {
            var x = party.Share(0, party.Id == 0 ? new float[64] : null, TensorShape.Vector(64), FixedPointFormat.Ring64);
            using (party.Scope("layer0"))
            using (party.Scope("ffn"))
            {
                var y = party.Truncate(party.Multiply(x, x), 18);
                return party.Open(y);
            }
        }).Report;
        var scopes = report.Operations.Select(r => (r.Scope, r.Name)).ToList();
        Assert.Contains(("layer0/ffn", "mul"), scopes);
        Assert.Contains(("layer0/ffn", "trunc"), scopes);
        Assert.Contains(("layer0/ffn", "open"), scopes);
        var ffn = report.ForScope("layer0");
        Assert.Equal(3, ffn.Calls);
        Assert.Equal(1 + 2 + 1, ffn.Rounds);
        Assert.Equal(report.Total.BytesTotal, report.Operations.Sum(r => r.BytesTotal));

        using var json = JsonDocument.Parse(report.ToJson());
        var ops = json.RootElement.GetProperty("operations");
        Assert.Contains(ops.EnumerateArray(), o => o.GetProperty("scope").GetString() == "layer0/ffn" && o.GetProperty("name").GetString() == "mul" && o.GetProperty("bytesPerParty").GetArrayLength() == 3);
        Assert.Contains("layer0/ffn", report.ToTable());
    }

    [Fact]
    public void AnIdleDealerIsNotChargedForTheRoundsItCatchesUpOn()
    {
        // After a truncation the helper party's clock lags by 2; the next multiplication must still count 1 round.
        var report = Run(party =>
        {
            var x = party.Share(0, party.Id == 0 ? new float[16] : null, TensorShape.Vector(16), new FixedPointFormat(64, 36));
            var t = party.Truncate(x, 18);
            using (party.Scope("next"))
            {
                return party.Multiply(t, t).Shape;
            }
        }).Report;
        Assert.Equal(1, report.ForScope("next").Rounds);
    }
}
