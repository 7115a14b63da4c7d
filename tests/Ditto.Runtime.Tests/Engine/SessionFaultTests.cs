using System.Diagnostics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Tensors;
using Ditto.Runtime.Transport;

namespace Ditto.Runtime.Tests.Engine;

public class SessionFaultTests
{
    [Fact]
    public void APartyThatThrowsStopsTheOthersAtOnceAndItsErrorIsReported()
    {
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<InvalidOperationException>(() => InProcessSession.Run(party =>
        {
            var x = party.Share(0, party.Id == 0 ? new float[8] : null, TensorShape.Vector(8), FixedPointFormat.Ring64);
            if (party.Id == 1)
            {
                throw new InvalidOperationException("party 1 broke");
            }

            return party.Open(party.Multiply(x, x));
        }, new SessionOptions { ReceiveTimeout = TimeSpan.FromSeconds(60) }));
        Assert.Equal("party 1 broke", e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task CancellingASessionWakesEveryWaitingPartyAndReportsTheCancellation()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();
        // Party 2 never answers; without the cancellation the others would wait the whole minute.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => InProcessSession.RunAsync(party =>
        {
            var x = party.Share(0, party.Id == 0 ? new float[8] : null, TensorShape.Vector(8), FixedPointFormat.Ring64);
            if (party.Id == 2)
            {
                cancel.Token.WaitHandle.WaitOne();
                return [];
            }

            return party.Open(party.Multiply(x, x));
        }, new SessionOptions { ReceiveTimeout = TimeSpan.FromSeconds(60) }, cancel.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public void APartyThatStopsAnsweringTimesOutNamingThePeerAndTheStep()
    {
        var e = Assert.Throws<PeerException>(() => InProcessSession.Run(party =>
        {
            var x = party.Share(0, party.Id == 0 ? new float[8] : null, TensorShape.Vector(8), FixedPointFormat.Ring64);
            if (party.Id == 2)
            {
                Thread.Sleep(TimeSpan.FromSeconds(3));
                return [];
            }

            using (party.Scope("layer0/attention"))
            {
                return party.Open(party.Multiply(x, x));
            }
        }, new SessionOptions { ReceiveTimeout = TimeSpan.FromMilliseconds(300) }));
        Assert.Equal(PeerFault.Timeout, e.Fault);
        Assert.Equal(2, e.PeerId);
        // Party 1 waits for party 2 inside the multiplication, party 0 inside the opening: either is reported first.
        Assert.Matches("layer0/attention: (mul|open)", e.Message);
    }

    [Fact]
    public void AMessageOfTheWrongLengthIsAProtocolViolationNamingThePeer()
    {
        var e = Assert.Throws<PeerException>(() => InProcessSession.Run(party =>
        {
            using var _ = party.Ledger.Protocol("probe");
            if (party.Id == 0)
            {
                party.Comm.Send<ulong>(1, new ulong[3]);
            }
            else if (party.Id == 1)
            {
                party.Comm.Receive<ulong>(0, new ulong[2]);
            }

            return 0;
        }));
        Assert.Equal(PeerFault.ProtocolViolation, e.Fault);
        Assert.Equal(0, e.PeerId);
        Assert.Contains("24 bytes", e.Message);
        Assert.Contains("probe", e.Message);
    }
}
