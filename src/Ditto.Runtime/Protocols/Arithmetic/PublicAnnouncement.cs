using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Arithmetic;

/// <summary>
/// A party makes public integers known to the others: the sizes a computation needs (a sentence's token count, how many
/// tokens to generate), which the protocol treats as public anyway. The owner sends the count and then the values to
/// both peers. Cost: 4 + 4n bytes to each peer, 1 round. Never for secrets.
/// </summary>
public static class PublicAnnouncement
{
    /// <summary>Returns the owner's values on every party; only the owner passes them (others pass null).</summary>
    public static int[] Announce(this Party party, int[]? values, int owner)
    {
        ShareChecks.Owner(owner);
        using var _ = party.Ledger.Protocol("announce");
        var comm = party.Comm;
        if (party.Id == owner)
        {
            ArgumentNullException.ThrowIfNull(values, $"the public values of party {owner}");
            int[] count = [values.Length];
            comm.Send<int>(comm.Next, count);
            comm.Send<int>(comm.Previous, count);
            comm.Send<int>(comm.Next, values);
            comm.Send<int>(comm.Previous, values);
            return values;
        }

        var header = new int[1];
        comm.Receive<int>(owner, header);
        if (header[0] is < 0 or > 1 << 20)
        {
            throw new Transport.PeerException(party.Id, owner, Transport.PeerFault.ProtocolViolation, party.Ledger.CurrentStep,
                $"announced {header[0]} public values; at most {1 << 20} are allowed.");
        }

        var received = new int[header[0]];
        comm.Receive<int>(owner, received);
        return received;
    }
}
