using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Tensors;
using Ditto.Runtime.Transport;
using Ditto.Runtime.Transport.Tcp;

namespace Ditto.Runtime.Tests.Transport;

/// <summary>A party that dies, hangs or fails mid-run stops the others quickly, with an error naming it and the step.</summary>
public class TcpSessionFaultTests
{
    private static readonly TensorShape Shape = new(16, 16);

    [Fact]
    public void APartyWhoseConnectionDropsMidRunIsReportedAsDisconnectedAtOnce()
    {
        var outcomes = TcpTestParties.Run(TcpTestParties.Configuration(receiveSeconds: 30), (id, t) => NetworkSession.Run(t, party =>
        {
            var x = party.Share(0, party.Id == 0 ? new float[Shape.Elements] : null, Shape, FixedPointFormat.Ring64);
            using (party.Scope("layer1"))
            {
                var y = party.Multiply(x, x);
                if (party.Id == 1)
                {
                    t.Kill();
                }

                return party.Open(party.MatMul(x, x));
            }
        }));
        foreach (var id in new[] { 0, 2 })
        {
            var e = Assert.IsType<PeerException>(outcomes[id].Error);
            Assert.Equal(1, e.PeerId);
            Assert.True(e.Fault is PeerFault.Disconnected or PeerFault.Aborted, e.Message);
            // The crash may lose its last unflushed message, so the loss can show one step early.
            Assert.Matches("layer1: (mul|matmul|open)", e.Message);
            Assert.True(outcomes[id].Elapsed < TimeSpan.FromSeconds(5), $"party {id} took {outcomes[id].Elapsed}");
        }

        // At least one of them saw the lost connection itself.
        Assert.Contains(new[] { 0, 2 }, id => ((PeerException)outcomes[id].Error!).Fault == PeerFault.Disconnected);
        Assert.Equal(0, FrameWriter.LiveThreads);
    }

    [Fact]
    public void APartyThatClosesItsTransportMidRunIsADisconnection()
    {
        var outcomes = TcpTestParties.Run(TcpTestParties.Configuration(receiveSeconds: 30), (id, t) =>
        {
            if (id == 2)
            {
                t.Dispose();
                return 0;
            }

            t.Receive(2, new byte[8]);
            return 0;
        });
        foreach (var id in new[] { 0, 1 })
        {
            var e = Assert.IsType<PeerException>(outcomes[id].Error);
            Assert.Equal(PeerFault.Disconnected, e.Fault);
            Assert.Equal(2, e.PeerId);
            Assert.Contains("party 2 closed its transport", e.Message);
        }
    }

    [Fact]
    public void APartyThatStopsAnsweringTimesOutNamingItAndTheStep()
    {
        var outcomes = TcpTestParties.Run(TcpTestParties.Configuration(receiveSeconds: 1), (id, t) => NetworkSession.Run(t, party =>
        {
            var x = party.Share(0, party.Id == 0 ? new float[8] : null, TensorShape.Vector(8), FixedPointFormat.Ring64);
            if (party.Id == 2)
            {
                Thread.Sleep(TimeSpan.FromSeconds(6));
            }

            using (party.Scope("layer0/attention"))
            {
                return party.Open(party.Multiply(x, x));
            }
        }));
        foreach (var id in new[] { 0, 1 })
        {
            var e = Assert.IsType<PeerException>(outcomes[id].Error);
            Assert.Equal(2, e.PeerId);
            Assert.Matches("layer0/attention: (mul|open)", e.Message);
            Assert.True(outcomes[id].Elapsed < TimeSpan.FromSeconds(4.5), $"party {id} took {outcomes[id].Elapsed}");
        }

        Assert.Contains(new[] { 0, 1 }, id => ((PeerException)outcomes[id].Error!).Fault == PeerFault.Timeout);
        Assert.Contains("nothing received within 1 s", string.Join(" ", outcomes.Select(o => o.Error?.Message)));
    }

    [Fact]
    public void APartyWhoseProgramThrowsAbortsTheOthersNamingIt()
    {
        var outcomes = TcpTestParties.Run(TcpTestParties.Configuration(receiveSeconds: 30), (id, t) => NetworkSession.Run(t, party =>
        {
            var x = party.Share(0, party.Id == 0 ? new float[8] : null, TensorShape.Vector(8), FixedPointFormat.Ring64);
            if (party.Id == 1)
            {
                throw new InvalidOperationException("party 1 broke");
            }

            using (party.Scope("layer2"))
            {
                return party.Open(party.Multiply(x, x));
            }
        }));
        Assert.Equal("party 1 broke", Assert.IsType<InvalidOperationException>(outcomes[1].Error).Message);
        foreach (var id in new[] { 0, 2 })
        {
            var e = Assert.IsType<PeerException>(outcomes[id].Error);
            Assert.Equal(PeerFault.Aborted, e.Fault);
            Assert.Equal(1, e.PeerId);
            Assert.Contains("party 1 broke", e.Message);
            Assert.Contains("layer2: mul", e.Message + " ##" + outcomes[0].Error + outcomes[2].Error);
            Assert.True(outcomes[id].Elapsed < TimeSpan.FromSeconds(5), $"party {id} took {outcomes[id].Elapsed}");
        }
    }

    [Fact]
    public void AFailureTravelsAlongAChainOfWaitingParties()
    {
        // Party 0 waits on party 2, which waits on party 1, which dies: party 0 learns it from party 2, naming party 1.
        var outcomes = TcpTestParties.Run(TcpTestParties.Configuration(receiveSeconds: 30), (id, t) =>
        {
            switch (id)
            {
                case 0:
                    t.Receive(2, new byte[4]);
                    break;
                case 1:
                    Thread.Sleep(200);
                    t.Kill();
                    break;
                default:
                    t.Receive(1, new byte[4]);
                    break;
            }

            return 0;
        });
        Assert.Equal(PeerFault.Disconnected, Assert.IsType<PeerException>(outcomes[2].Error).Fault);
        var e = Assert.IsType<PeerException>(outcomes[0].Error);
        Assert.Equal(PeerFault.Aborted, e.Fault);
        Assert.Equal(1, e.PeerId);
        Assert.Contains("lost connection to party 1", e.Message);
        Assert.True(outcomes[0].Elapsed < TimeSpan.FromSeconds(5), $"party 0 took {outcomes[0].Elapsed}");
    }

    [Fact]
    public void AHangAtTheEndOfAChainOfWaitsIsBlamedOnTheHangingParty()
    {
        // Party 2 waits on party 0, which waits on party 1, which hangs: both time out together, and both must name
        // party 1 — party 2 knows because party 0 told it whom it was waiting for.
        var outcomes = TcpTestParties.Run(TcpTestParties.Configuration(receiveSeconds: 1), (id, t) =>
        {
            switch (id)
            {
                case 0:
                    t.Receive(1, new byte[4]);
                    break;
                case 1:
                    Thread.Sleep(TimeSpan.FromSeconds(6));
                    break;
                default:
                    t.Receive(0, new byte[4]);
                    break;
            }

            return 0;
        });
        foreach (var id in new[] { 0, 2 })
        {
            var e = Assert.IsType<PeerException>(outcomes[id].Error);
            Assert.True(e.PeerId == 1, e.Message);
            Assert.True(outcomes[id].Elapsed < TimeSpan.FromSeconds(4), $"party {id} took {outcomes[id].Elapsed}");
        }
    }

    [Fact]
    public void LargeMessagesBothWaysAtOnceDoNotDeadlockAndArriveIntact()
    {
        const int size = 48 << 20;
        var data = new byte[3][];
        for (var i = 0; i < 3; i++)
        {
            data[i] = new byte[size];
            new Random(i).NextBytes(data[i]);
        }

        var outcomes = TcpTestParties.Run(TcpTestParties.Configuration(receiveSeconds: 30), (id, t) =>
        {
            var next = (id + 1) % 3;
            var previous = (id + 2) % 3;
            var send = (byte[])data[id].Clone();
            t.Send(next, new FrameHeader(id, false), send);
            t.Send(previous, new FrameHeader(id, true), send);
            Array.Clear(send); // Send copied the payload: changing it now must not change what the peers get.
            var fromNext = new byte[size];
            var fromPrevious = new byte[size];
            var h1 = t.Receive(next, fromNext);
            var h2 = t.Receive(previous, fromPrevious);
            Assert.Equal(new FrameHeader(next, true), h1);
            Assert.Equal(new FrameHeader(previous, false), h2);
            return fromNext.AsSpan().SequenceEqual(data[next]) && fromPrevious.AsSpan().SequenceEqual(data[previous]);
        });
        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.All(outcomes, o => Assert.True(o.Result));
        Assert.Equal(0, FrameWriter.LiveThreads);
    }
}
