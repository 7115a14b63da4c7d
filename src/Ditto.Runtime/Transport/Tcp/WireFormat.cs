using System.Buffers.Binary;

namespace Ditto.Runtime.Transport.Tcp;

/// <summary>What a frame on a TCP link carries.</summary>
internal enum FrameKind : byte
{
    /// <summary>A protocol message: the payload the caller of Send passed.</summary>
    Data = 1,

    /// <summary>The sender closed its transport normally; nothing follows.</summary>
    Close = 2,

    /// <summary>The sender stopped because of a failure; the payload says which party caused it and why.</summary>
    Abort = 3,

    /// <summary>
    /// The sender has been blocked for a while on a receive from the party in the 1-byte payload (255: no longer).
    /// A receiver that times out on the sender then knows whom the sender is waiting for, and names that party.
    /// </summary>
    Waiting = 4,
}

/// <summary>A decoded frame header.</summary>
internal readonly record struct WireHeader(FrameKind Kind, int Length, long Clock, bool Ahead);

/// <summary>
/// The 16-byte frame header on a TCP link: payload length (u32), the sender's round clock (i64), kind (u8), flags (u8,
/// bit 0 = ahead) and the marker "DT", all little-endian. The marker and the reserved flag bits catch a stream that has
/// lost its framing. Headers are not counted as protocol bytes.
/// </summary>
internal static class WireFormat
{
    /// <summary>Bytes in a header.</summary>
    public const int HeaderBytes = 16;

    /// <summary>Largest payload of an abort frame (the failing party's message, truncated).</summary>
    public const int MaxAbortBytes = 4096;

    private const byte AheadFlag = 1;
    private const byte MarkerD = (byte)'D';
    private const byte MarkerT = (byte)'T';

    /// <summary>Writes a header into the first <see cref="HeaderBytes"/> bytes of destination.</summary>
    public static void Write(Span<byte> destination, FrameKind kind, int length, long clock, bool ahead)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)length);
        BinaryPrimitives.WriteInt64LittleEndian(destination[4..], clock);
        destination[12] = (byte)kind;
        destination[13] = ahead ? AheadFlag : (byte)0;
        destination[14] = MarkerD;
        destination[15] = MarkerT;
    }

    /// <summary>Decodes a header, or returns why it is malformed.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out WireHeader header, out string error)
    {
        header = default;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(source);
        var clock = BinaryPrimitives.ReadInt64LittleEndian(source[4..]);
        var kind = (FrameKind)source[12];
        var flags = source[13];
        if (source[14] != MarkerD || source[15] != MarkerT)
        {
            error = $"a frame header without the marker \"DT\" (bytes 0x{source[14]:X2} 0x{source[15]:X2}): the stream is not framed as this transport frames it";
            return false;
        }

        if (kind is not (FrameKind.Data or FrameKind.Close or FrameKind.Abort or FrameKind.Waiting))
        {
            error = $"a frame of unknown kind {source[12]}";
            return false;
        }

        if ((flags & ~AheadFlag) != 0 || clock < 0)
        {
            error = $"a frame header with reserved flag bits 0x{flags:X2} or a negative clock {clock}";
            return false;
        }

        if (length > int.MaxValue)
        {
            error = $"a frame announcing {length} bytes, more than any message can hold";
            return false;
        }

        header = new WireHeader(kind, (int)length, clock, (flags & AheadFlag) != 0);
        error = string.Empty;
        return true;
    }
}
