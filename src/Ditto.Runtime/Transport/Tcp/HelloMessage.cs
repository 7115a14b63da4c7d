using System.Buffers.Binary;
using System.Text;

namespace Ditto.Runtime.Transport.Tcp;

/// <summary>
/// The first bytes on a link after the TLS handshake, sent by both sides: "DITO", the protocol version (u16), the
/// sender's party id (u8), and the session name (u8 length + UTF-8). The receiver checks the id against the one its
/// certificate is pinned for, and that both run the same protocol version and session.
/// </summary>
internal readonly record struct HelloMessage(ushort Version, int PartyId, string Session)
{
    /// <summary>The wire protocol version of this transport (hello, frame header, frame kinds).</summary>
    public const ushort CurrentVersion = 1;

    private static ReadOnlySpan<byte> Magic => "DITO"u8;

    public byte[] Encode()
    {
        var session = Encoding.UTF8.GetBytes(Session);
        var bytes = new byte[8 + session.Length];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), Version);
        bytes[6] = (byte)PartyId;
        bytes[7] = (byte)session.Length;
        session.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>Reads a hello, or throws a protocol violation by <paramref name="peer"/> if the bytes are not one.</summary>
    public static async Task<HelloMessage> ReadAsync(Stream stream, int self, int peer, CancellationToken token)
    {
        var fixedPart = new byte[8];
        await stream.ReadExactlyAsync(fixedPart, token).ConfigureAwait(false);
        if (!fixedPart.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new PeerException(self, peer, PeerFault.ProtocolViolation, string.Empty, "the first bytes after the TLS handshake are not a ditto hello; is the peer a ditto party?");
        }

        var session = new byte[fixedPart[7]];
        await stream.ReadExactlyAsync(session, token).ConfigureAwait(false);
        return new HelloMessage(BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(4)), fixedPart[6], Encoding.UTF8.GetString(session));
    }

    /// <summary>Throws a protocol violation naming what differs from what this party expects.</summary>
    public void Check(int self, int peer, string session)
    {
        if (Version != CurrentVersion)
        {
            throw new PeerException(self, peer, PeerFault.ProtocolViolation, string.Empty, $"the peer speaks transport protocol version {Version}; this party speaks {CurrentVersion}.");
        }

        if (PartyId != peer)
        {
            throw new PeerException(self, peer, PeerFault.ProtocolViolation, string.Empty, $"the peer says it is party {PartyId} but its certificate is pinned for party {peer}.");
        }

        if (Session != session)
        {
            throw new PeerException(self, peer, PeerFault.ProtocolViolation, string.Empty, $"the peer is in session \"{Session}\"; this party is in session \"{session}\".");
        }
    }
}
