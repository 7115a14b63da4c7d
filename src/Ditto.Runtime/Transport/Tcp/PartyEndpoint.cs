namespace Ditto.Runtime.Transport.Tcp;

/// <summary>One party's entry in parties.json: where it listens and which certificate proves it is that party.</summary>
/// <param name="Id">0 (the client: input and output), 1 (the model owner: weights) or 2 (the helper).</param>
/// <param name="Host">Host name or IP address the other parties connect to.</param>
/// <param name="Port">TCP port the party listens on.</param>
/// <param name="Fingerprint">SHA-256 fingerprint of the party's certificate (canonical form, see <see cref="CertificateFingerprint"/>).</param>
public sealed record PartyEndpoint(int Id, string Host, int Port, string Fingerprint)
{
    /// <summary>Path of this party's PEM certificate; only the party's own entry needs it (absolute once loaded from a file).</summary>
    public string? Certificate { get; init; }

    /// <summary>Path of this party's PEM private key (PKCS#8); only the party's own entry needs it.</summary>
    public string? Key { get; init; }

    /// <summary>The local address to listen on, when it differs from <see cref="Host"/> (for example 0.0.0.0 behind NAT).</summary>
    public string? Listen { get; init; }

    /// <summary>The role of a party id: client, model-owner or helper.</summary>
    public static string RoleOf(int id) => id switch
    {
        0 => "client",
        1 => "model-owner",
        2 => "helper",
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, $"Party id must be 0, 1 or 2, not {id}."),
    };
}
