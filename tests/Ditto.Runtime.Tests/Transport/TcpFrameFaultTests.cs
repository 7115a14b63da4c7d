using System.Buffers.Binary;
using Ditto.Runtime.Transport;
using Ditto.Runtime.Transport.Tcp;

namespace Ditto.Runtime.Tests.Transport;

/// <summary>A peer that sends malformed frames makes the receiver stop with a protocol violation naming it, and the third party stops too.</summary>
public class TcpFrameFaultTests
{
    [Fact]
    public void AMessageOfTheWrongLengthNamesThePeerAndBothLengths()
    {
        var outcomes = RunWithBadSender(t => t.Send(1, new FrameHeader(0, false), new byte[24]));
        var e = Violation(outcomes[1].Error);
        Assert.Equal(0, e.PeerId);
        Assert.Contains("party 0", e.Message);
        Assert.Contains("message of 24 bytes where the protocol expects 16", e.Message);
        AssertOthersStopped(outcomes);
    }

    [Fact]
    public void AnOversizedFrameIsRefusedFromItsHeaderWithoutAllocating()
    {
        var header = Header(length: int.MaxValue);
        long allocated = 0;
        var outcomes = RunWithBadSender(t => t.SendRaw(1, header), receive: (t, buffer) =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                t.Receive(0, buffer);
            }
            finally
            {
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
        });
        var e = Violation(outcomes[1].Error);
        Assert.Contains($"announced a message of {int.MaxValue} bytes, above maxFrameBytes (1048576), where the protocol expects 16 bytes", e.Message);
        Assert.True(allocated < 64 * 1024, $"receiving the bad header allocated {allocated} bytes");
        AssertOthersStopped(outcomes);
    }

    [Fact]
    public void AFrameAboveTheMaximumIsRefusedEvenWhenTheCallerExpectsThatLength()
    {
        var configuration = TcpTestParties.Configuration(maxFrameBytes: 4096) with { };
        var outcomes = TcpTestParties.Run(configuration, (id, t) =>
        {
            switch (id)
            {
                case 0:
                    t.SendRaw(1, Header(length: 8192));
                    t.SendRaw(1, new byte[8192]);
                    t.Receive(1, new byte[1]);
                    break;
                case 1:
                    t.Receive(0, new byte[8192]);
                    break;
                default:
                    t.Receive(1, new byte[1]);
                    break;
            }

            return 0;
        });
        Assert.Contains("announced a message of 8192 bytes, above maxFrameBytes (4096)", Violation(outcomes[1].Error).Message);
        AssertOthersStopped(outcomes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomBytesAreAProtocolViolation(int seed)
    {
        var garbage = new byte[64];
        new Random(seed).NextBytes(garbage);
        var outcomes = RunWithBadSender(t => t.SendRaw(1, garbage));
        var e = Violation(outcomes[1].Error);
        Assert.Equal(0, e.PeerId);
        Assert.Contains("where the protocol expects a message of 16 bytes", e.Message);
        AssertOthersStopped(outcomes);
    }

    [Fact]
    public void AnUnknownFrameKindIsAProtocolViolation()
    {
        var header = Header(length: 16);
        header[12] = 9;
        var outcomes = RunWithBadSender(t => t.SendRaw(1, header));
        Assert.Contains("a frame of unknown kind 9", Violation(outcomes[1].Error).Message);
        AssertOthersStopped(outcomes);
    }

    [Fact]
    public void AConnectionThatEndsInTheMiddleOfAMessageIsADisconnection()
    {
        var outcomes = RunWithBadSender(t =>
        {
            t.SendRaw(1, [.. Header(length: 16), 1, 2, 3, 4, 5]);
            Thread.Sleep(300);
            t.Kill();
        });
        var e = Assert.IsType<PeerException>(outcomes[1].Error);
        Assert.Equal(PeerFault.Disconnected, e.Fault);
        Assert.Contains("in the middle of a 16-byte message (5 bytes received)", e.Message);
        Assert.Equal(0, FrameWriter.LiveThreads);
    }

    /// <summary>Party 0 misbehaves towards party 1 and then waits on party 1; party 1 expects 16 bytes from party 0; party 2 waits on party 1.</summary>
    private static PartyOutcome<int>[] RunWithBadSender(Action<TcpTransport> misbehave, Action<TcpTransport, byte[]>? receive = null)
    {
        // A long receive timeout: the others must stop because they are told, not because they time out.
        var configuration = TcpTestParties.Configuration(receiveSeconds: 30) with { MaxFrameBytes = 1 << 20 };
        return TcpTestParties.Run(configuration, (id, t) =>
        {
            switch (id)
            {
                case 0:
                    misbehave(t);
                    t.Receive(1, new byte[1]);
                    break;
                case 1:
                    (receive ?? ((tr, b) => tr.Receive(0, b)))(t, new byte[16]);
                    break;
                default:
                    t.Receive(1, new byte[1]);
                    break;
            }

            return 0;
        }, limitSeconds: 20);
    }

    private static PeerException Violation(Exception? error)
    {
        var e = Assert.IsType<PeerException>(error);
        Assert.Equal(PeerFault.ProtocolViolation, e.Fault);
        return e;
    }

    /// <summary>Parties 0 and 2 stop promptly with an abort that names the bad sender (party 0), and no writer thread is left.</summary>
    private static void AssertOthersStopped(PartyOutcome<int>[] outcomes)
    {
        foreach (var id in new[] { 0, 2 })
        {
            var e = Assert.IsType<PeerException>(outcomes[id].Error);
            Assert.Equal(PeerFault.Aborted, e.Fault);
            Assert.Equal(0, e.PeerId);
            Assert.True(outcomes[id].Elapsed < TimeSpan.FromSeconds(10), $"party {id} took {outcomes[id].Elapsed}");
        }

        Assert.Equal(0, FrameWriter.LiveThreads);
    }

    private static byte[] Header(int length)
    {
        var header = new byte[WireFormat.HeaderBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, length);
        header[12] = 1;
        header[14] = (byte)'D';
        header[15] = (byte)'T';
        return header;
    }
}
