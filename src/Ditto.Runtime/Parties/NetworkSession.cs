using System.Buffers.Binary;
using System.Text;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Transport;
using Ditto.Runtime.Transport.Tcp;

namespace Ditto.Runtime.Parties;

/// <summary>What one party of a networked session ends with.</summary>
/// <typeparam name="T">What the program returns.</typeparam>
/// <param name="Result">This party's result.</param>
/// <param name="Ledger">This party's cost ledger.</param>
/// <param name="Report">On party 0: the three parties' ledgers merged (they send them after the program). Null on the others.</param>
/// <param name="Ledgers">On party 0: the three ledgers; null on the others.</param>
public sealed record NetworkPartyResult<T>(T Result, CostLedger Ledger, CostReport? Report, CostLedger[]? Ledgers);

/// <summary>
/// Runs one party of a three-party session whose parties are separate processes connected by a <see cref="TcpTransport"/>.
/// If the program throws, the peers get an abort frame naming this party (or the peer that caused it) so that they
/// stop at once. After a successful program, parties 1 and 2 send their cost ledgers to party 0, and party 0 confirms
/// with one byte to each: so parties 1 and 2 succeed only if the client got everything, and a client that dies at the
/// last step is an error for them too. The ledgers carry only public facts (operation names, byte counts, rounds,
/// times); these end-of-session messages are not counted as protocol bytes.
/// </summary>
public static class NetworkSession
{
    /// <summary>Runs <paramref name="program"/> as this transport's party. The caller keeps ownership of the transport.</summary>
    public static NetworkPartyResult<T> Run<T>(TcpTransport transport, Func<Party, T> program, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(program);
        Party? party = null;
        try
        {
            party = Party.Create(transport, options);
            var result = program(party);
            CostLedger[]? ledgers;
            try
            {
                ledgers = ExchangeLedgers(transport, party.Ledger);
            }
            catch (PeerException e) when (e.Step.Length == 0)
            {
                throw e.WithStep("session end (cost ledgers to party 0 and its confirmation)");
            }

            return new NetworkPartyResult<T>(result, party.Ledger, ledgers is null ? null : CostReport.Merge(ledgers), ledgers);
        }
        catch (Exception e)
        {
            // A peer's failure names that peer (or, for an abort, the party it came from); anything else is ours.
            transport.Abort(e is PeerException p ? p.PeerId : transport.PartyId, e.Message);
            throw;
        }
        finally
        {
            party?.Dispose();
        }
    }

    private static CostLedger[]? ExchangeLedgers(TcpTransport transport, CostLedger own)
    {
        var header = new FrameHeader(0, Ahead: false);
        if (transport.PartyId != 0)
        {
            var json = Encoding.UTF8.GetBytes(CostLedgerSnapshot.Of(own).ToJson());
            var prefix = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(prefix, json.Length);
            transport.Send(0, header, prefix);
            transport.Send(0, header, json);
            transport.Receive(0, new byte[1]);
            return null;
        }

        var ledgers = new CostLedger[3];
        ledgers[0] = own;
        Span<byte> length = stackalloc byte[4];
        for (var peer = 1; peer <= 2; peer++)
        {
            transport.Receive(peer, length);
            var size = BinaryPrimitives.ReadInt32LittleEndian(length);
            if (size < 2 || size > transport.Configuration.MaxFrameBytes)
            {
                throw new PeerException(0, peer, PeerFault.ProtocolViolation, string.Empty, $"announced a cost ledger of {size} bytes (allowed 2..{transport.Configuration.MaxFrameBytes}).");
            }

            var json = new byte[size];
            transport.Receive(peer, json);
            ledgers[peer] = CostLedgerSnapshot.FromJson(Encoding.UTF8.GetString(json)).ToLedger();
        }

        transport.Send(1, header, [1]);
        transport.Send(2, header, [1]);
        return ledgers;
    }
}
