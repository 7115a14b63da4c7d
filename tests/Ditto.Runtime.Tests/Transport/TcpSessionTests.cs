using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Tests.Transport;

/// <summary>The protocols over loopback TLS give exactly what the in-process engine gives with the same seed.</summary>
public class TcpSessionTests
{
    [Fact]
    public void InputMulMatMulTruncationAndOpenAreBitIdenticalToInProcess()
    {
        var random = new Random(11);
        float[] Uniform(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 4 - 2))];
        var x = Uniform(6 * 20);
        var w = Uniform(20 * 5);
        var v = Uniform(6 * 5);
        object[] Program(Party party)
        {
            var f32 = FixedPointFormat.Ring32;
            var f64 = FixedPointFormat.Ring64;
            var xs = party.Share(0, party.Id == 0 ? x : null, new TensorShape(6, 20), f32);
            var ws = party.Share(1, party.Id == 1 ? w : null, new TensorShape(20, 5), f32);
            var vs = party.Share(2, party.Id == 2 ? v : null, new TensorShape(6, 5), f64);
            var product = party.Truncate(party.MatMul(xs, ws), f32.FractionBits);
            var squared = party.Truncate(party.Multiply(vs, vs), f64.FractionBits);
            return [party.Open(product), party.OpenRing((Ditto.Runtime.Sharing.ArithmeticShare<ulong>)squared), party.OpenTo(product, 0) ?? []];
        }

        var local = InProcessSession.Run(Program, new SessionOptions { Seed = 42 });
        var remote = TcpTestParties.RunSession(TcpTestParties.Configuration(), Program, seed: 42);
        for (var p = 0; p < 3; p++)
        {
            Assert.Equal((float[])local.Results[p][0], (float[])remote[p].Result[0]);
            Assert.Equal((ulong[])local.Results[p][1], (ulong[])remote[p].Result[1]);
            Assert.Equal((float[])local.Results[p][2], (float[])remote[p].Result[2]);
        }

        // Party 0 holds the merged report: the same bytes and rounds as in process (headers are not counted).
        var report = remote[0].Report!;
        Assert.Equal(local.Report.Total.BytesPerParty, report.Total.BytesPerParty);
        Assert.Equal(local.Report.Total.Rounds, report.Total.Rounds);
        Assert.Equal(local.Report.Operations.Select(r => (r.Scope, r.Name, r.Calls, r.Rounds)), report.Operations.Select(r => (r.Scope, r.Name, r.Calls, r.Rounds)));
        Assert.Null(remote[1].Report);
        Assert.Equal(0, Ditto.Runtime.Transport.Tcp.FrameWriter.LiveThreads);
    }
}
