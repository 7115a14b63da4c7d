using Ditto.Runtime.Ledger;
using Ditto.Runtime.Randomness;
using Ditto.Runtime.Transport;

namespace Ditto.Runtime.Parties;

/// <summary>
/// One of the three computing parties: its id, its messaging, its correlated randomness and its cost ledger.
/// Every party runs the same program (SPMD); protocols branch on <see cref="Id"/> where roles differ.
/// </summary>
public sealed class Party : IDisposable
{
    private Party(int id, Communicator communicator, CorrelatedRandomness randomness, CostLedger ledger)
    {
        Id = id;
        Comm = communicator;
        Random = randomness;
        Ledger = ledger;
    }

    /// <summary>This party's id: 0, 1 or 2. In the paper's setting party 0 also acts for the client (input, output) and party 1 for the model owner (weights).</summary>
    public int Id { get; }

    /// <summary>Messaging with the other two parties.</summary>
    public Communicator Comm { get; }

    /// <summary>Correlated randomness.</summary>
    public CorrelatedRandomness Random { get; }

    /// <summary>The cost ledger.</summary>
    public CostLedger Ledger { get; }

    /// <summary>Draws the roles of the next dealer-style protocol from the public stream (all parties draw the same).</summary>
    public Roles NextRoles() => Roles.FromPivot((int)(Random.Public.Next<uint>() % 3));

    /// <summary>Opens a cost scope ("layer3/attention").</summary>
    public CostLedger.ScopeHandle Scope(string name) => Ledger.Scope(name);

    /// <summary>
    /// Sets up a party over its transport: each party sends one fresh seed to party i−1 (the PRSS pair streams) and a
    /// public share to both peers (the public seed is the XOR of the three). One round.
    /// </summary>
    public static Party Create(ITransport transport, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        options ??= new SessionOptions();
        var id = transport.PartyId;
        if (id is < 0 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(transport), id, $"Party id must be 0, 1 or 2, not {id}.");
        }

        var ledger = new CostLedger { Monitor = options.Progress };
        var comm = new Communicator(transport, ledger);
        byte[] Seed(string label) => options.Seed is { } master
            ? CorrelatedRandomness.DeriveSeed(master, $"party{id}/{label}")
            : CorrelatedRandomness.NewSeed();

        var own = Seed("pair");
        var publicPart = Seed("public");
        var fromNext = new byte[16];
        var fromPrevious = new byte[16];
        var publicNext = new byte[16];
        using (ledger.Protocol("setup"))
        {
            comm.SendBytes(comm.Previous, own, ahead: true);
            comm.SendBytes(comm.Previous, publicPart, ahead: true);
            comm.SendBytes(comm.Next, publicPart, ahead: true);
            comm.ReceiveBytes(comm.Next, fromNext);
            comm.ReceiveBytes(comm.Next, publicNext);
            comm.ReceiveBytes(comm.Previous, fromPrevious);
        }

        var publicSeed = new byte[16];
        for (var i = 0; i < 16; i++)
        {
            publicSeed[i] = (byte)(publicPart[i] ^ publicNext[i] ^ fromPrevious[i]);
        }

        var randomness = new CorrelatedRandomness(
            withPrevious: new AesCtrStream(own),
            withNext: new AesCtrStream(fromNext),
            own: new AesCtrStream(Seed("private")),
            shared: new AesCtrStream(publicSeed));
        return new Party(id, comm, randomness, ledger);
    }

    /// <inheritdoc/>
    public void Dispose() => Random.Dispose();
}
