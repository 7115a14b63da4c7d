using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Boolean;

/// <summary>
/// Opening a boolean share, the boolean counterpart of <see cref="Arithmetic.Reveal"/>: to all, each party sends b_i to
/// party i+1 (w bits per element per party, bit-packed, 1 round); to one party t, party t−1 sends b_{t−1} (w bits, 1 round).
/// </summary>
public static class RevealBits
{
    /// <summary>Opening n boolean shares of w bits to one party (one packed message) or to all three; 1 round.</summary>
    public static ProtocolCost Cost(int width, long n, bool toAll) => new((toAll ? 3.0 : 1.0) * ProtocolCost.PackedBytes(n, width), 1);

    /// <summary>Opens x to all parties.</summary>
    public static ulong[] OpenBits(this Party party, BooleanShare x)
    {
        using var _ = party.Ledger.Protocol("open-bits");
        var packed = new byte[BitPacking.PackedBytes(x.Length, x.Bits)];
        BitPacking.Pack(x.First, x.Bits, packed);
        party.Comm.SendBytes(party.Comm.Next, packed, ahead: false);
        party.Comm.ReceiveBytes(party.Comm.Previous, packed);
        return Combine(x, packed);
    }

    /// <summary>Opens x to party <paramref name="target"/> only; the others get null.</summary>
    public static ulong[]? OpenBitsTo(this Party party, BooleanShare x, int target)
    {
        ShareChecks.Owner(target);
        using var _ = party.Ledger.Protocol("open-bits-to");
        var packed = new byte[BitPacking.PackedBytes(x.Length, x.Bits)];
        if (party.Id == (target + 2) % 3)
        {
            BitPacking.Pack(x.First, x.Bits, packed);
            party.Comm.SendBytes(target, packed, ahead: false);
            return null;
        }

        if (party.Id != target)
        {
            return null;
        }

        party.Comm.ReceiveBytes(party.Comm.Previous, packed);
        return Combine(x, packed);
    }

    private static ulong[] Combine(BooleanShare x, byte[] packed)
    {
        var missing = new ulong[x.Length];
        BitPacking.Unpack(packed, x.Bits, missing);
        for (var i = 0; i < missing.Length; i++)
        {
            missing[i] ^= x.First[i] ^ x.Second[i];
        }

        return missing;
    }
}
