using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Ditto.Runtime.Transport.Tcp;

/// <summary>
/// The parties of a deployment (parties.json): for each id its address and pinned certificate fingerprint, this party's
/// own certificate and key, the session name, timeouts and the largest frame accepted. The format is in docs/deployment.md.
/// </summary>
public sealed record PartyConfiguration
{
    /// <summary>The value of "formatVersion" this code reads and writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Default largest payload of one message: 1 GiB.</summary>
    public const int DefaultMaxFrameBytes = 1 << 30;

    /// <summary>The three parties, in id order.</summary>
    public required IReadOnlyList<PartyEndpoint> Parties { get; init; }

    /// <summary>A name all three parties must agree on; it keeps parties of different runs from talking to each other.</summary>
    public string Session { get; init; } = "ditto";

    /// <summary>How long a party keeps trying to reach its peers at start-up.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a receive waits for data from a peer before it fails with <see cref="PeerFault.Timeout"/>.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest payload a peer may announce; a larger frame is a protocol violation, refused before any allocation.</summary>
    public int MaxFrameBytes { get; init; } = DefaultMaxFrameBytes;

    /// <summary>Loads and validates a configuration file; relative certificate and key paths are resolved against its folder.</summary>
    public static PartyConfiguration Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The party configuration {path} does not exist (create one with `ditto keygen --out DIR`).", path);
        }

        var full = Path.GetFullPath(path);
        return Parse(File.ReadAllText(full), full, Path.GetDirectoryName(full)!);
    }

    /// <summary>Parses and validates configuration JSON; <paramref name="source"/> names it in errors.</summary>
    public static PartyConfiguration Parse(string json, string source, string baseDirectory)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new PartyConfigurationException(source, "(file)", $"not valid JSON: {e.Message}");
        }

        using (document)
        {
            var configuration = new PartyConfigurationReader(source, baseDirectory).Read(document.RootElement);
            configuration.Validate(source);
            return configuration;
        }
    }

    /// <summary>Checks the values that a configuration built in code could get wrong, naming the field.</summary>
    public void Validate(string source = "party configuration")
    {
        if (Parties is null || Parties.Count != 3)
        {
            throw new PartyConfigurationException(source, "parties", $"must list exactly 3 parties (ids 0, 1, 2), not {Parties?.Count ?? 0}.");
        }

        for (var i = 0; i < 3; i++)
        {
            var p = Parties[i];
            var field = $"parties[{i}]";
            if (p.Id != i)
            {
                throw new PartyConfigurationException(source, $"{field}.id", $"must be {i} (parties are listed in id order), not {p.Id}.");
            }

            if (string.IsNullOrWhiteSpace(p.Host))
            {
                throw new PartyConfigurationException(source, $"{field}.host", "must name a host or IP address.");
            }

            if (p.Port is < 1 or > 65535)
            {
                throw new PartyConfigurationException(source, $"{field}.port", $"must be a TCP port 1..65535, not {p.Port}.");
            }

            if (CertificateFingerprint.Normalize(p.Fingerprint ?? string.Empty) != p.Fingerprint)
            {
                throw new PartyConfigurationException(source, $"{field}.fingerprint", $"must be a SHA-256 fingerprint (64 hex digits, colons allowed), not \"{p.Fingerprint}\".");
            }

            for (var j = 0; j < i; j++)
            {
                if (Parties[j].Fingerprint == p.Fingerprint)
                {
                    throw new PartyConfigurationException(source, $"{field}.fingerprint", $"is the same as parties[{j}].fingerprint; every party needs its own certificate.");
                }
            }
        }

        if (string.IsNullOrEmpty(Session) || Encoding.UTF8.GetByteCount(Session) > 64)
        {
            throw new PartyConfigurationException(source, "session", $"must be 1 to 64 bytes of text, not \"{Session}\".");
        }

        CheckTimeout(source, "connectTimeoutSeconds", ConnectTimeout);
        CheckTimeout(source, "receiveTimeoutSeconds", ReceiveTimeout);
        if (MaxFrameBytes < 1024)
        {
            throw new PartyConfigurationException(source, "maxFrameBytes", $"must be at least 1024, not {MaxFrameBytes}.");
        }
    }

    /// <summary>Loads party <paramref name="partyId"/>'s certificate and key from the paths in its entry, checking them against its pinned fingerprint.</summary>
    public X509Certificate2 LoadCertificate(int partyId, string source = "party configuration")
    {
        var entry = Parties[partyId];
        var field = $"parties[{partyId}]";
        if (string.IsNullOrEmpty(entry.Certificate))
        {
            throw new PartyConfigurationException(source, $"{field}.certificate", $"is required to run as party {partyId}: the path of its PEM certificate.");
        }

        if (string.IsNullOrEmpty(entry.Key))
        {
            throw new PartyConfigurationException(source, $"{field}.key", $"is required to run as party {partyId}: the path of its PEM private key.");
        }

        var certificate = PartyCertificates.LoadPem(entry.Certificate, entry.Key);
        var actual = CertificateFingerprint.Of(certificate);
        if (actual != entry.Fingerprint)
        {
            certificate.Dispose();
            throw new PartyConfigurationException(source, $"{field}.fingerprint", $"pins {entry.Fingerprint} but the certificate {entry.Certificate} has fingerprint {actual}.");
        }

        return certificate;
    }

    /// <summary>The configuration as JSON in the file format (paths as stored).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("formatVersion", CurrentFormatVersion);
            w.WriteString("session", Session);
            w.WriteNumber("connectTimeoutSeconds", ConnectTimeout.TotalSeconds);
            w.WriteNumber("receiveTimeoutSeconds", ReceiveTimeout.TotalSeconds);
            w.WriteNumber("maxFrameBytes", MaxFrameBytes);
            w.WriteStartArray("parties");
            foreach (var p in Parties)
            {
                w.WriteStartObject();
                w.WriteNumber("id", p.Id);
                w.WriteString("role", PartyEndpoint.RoleOf(p.Id));
                w.WriteString("host", p.Host);
                w.WriteNumber("port", p.Port);
                if (p.Listen is not null)
                {
                    w.WriteString("listen", p.Listen);
                }

                w.WriteString("fingerprint", p.Fingerprint);
                if (p.Certificate is not null)
                {
                    w.WriteString("certificate", p.Certificate);
                }

                if (p.Key is not null)
                {
                    w.WriteString("key", p.Key);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void CheckTimeout(string source, string field, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
        {
            throw new PartyConfigurationException(source, field, $"must be more than 0 and at most 86400 seconds, not {value.TotalSeconds}.");
        }
    }
}
