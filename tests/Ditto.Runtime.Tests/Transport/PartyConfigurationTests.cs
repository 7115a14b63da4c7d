using System.Text.Json.Nodes;
using Ditto.Runtime.Transport.Tcp;

namespace Ditto.Runtime.Tests.Transport;

public sealed class PartyConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ditto-config-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AWrittenConfigurationLoadsBackWithItsCertificatesAndRelativePathsResolved()
    {
        var configuration = WriteDeployment();
        var loaded = PartyConfiguration.Load(Path.Combine(_dir, "parties.json"));
        Assert.Equal(configuration.Parties.Select(p => (p.Id, p.Host, p.Port, p.Fingerprint)), loaded.Parties.Select(p => (p.Id, p.Host, p.Port, p.Fingerprint)));
        Assert.Equal(Path.Combine(_dir, "party1.crt"), loaded.Parties[1].Certificate);
        Assert.Equal(TimeSpan.FromSeconds(7.5), loaded.ReceiveTimeout);
        Assert.Equal("s1", loaded.Session);
        using var certificate = loaded.LoadCertificate(1);
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(loaded.Parties[1].Fingerprint, CertificateFingerprint.Of(certificate));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "party1.key")));
        }
    }

    [Theory]
    [InlineData("parties", "must list exactly 3 parties")]
    [InlineData("parties[1].port", "must be an integer 1..65535, not 70000")]
    [InlineData("parties[2].fingerprint", "must be a SHA-256 fingerprint")]
    [InlineData("parties[1].id", "must be 1 (parties are listed in id order), not 2")]
    [InlineData("parties[0].role", "is \"helper\" but party 0 is the client")]
    [InlineData("parties[2].fingerprint", "is the same as parties[0].fingerprint")]
    [InlineData("recieveTimeoutSeconds", "is not a known field")]
    [InlineData("receiveTimeoutSeconds", "must be a number of seconds, more than 0")]
    [InlineData("parties[0].host", "is required")]
    [InlineData("formatVersion", "is 2; this version of ditto reads format 1")]
    public void ABadFieldIsNamedInTheError(string field, string problem)
    {
        WriteDeployment();
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "parties.json")))!.AsObject();
        var parties = json["parties"]!.AsArray();
        switch (field, problem)
        {
            case ("parties", _): parties.RemoveAt(2); break;
            case ("parties[1].port", _): parties[1]!["port"] = 70000; break;
            case ("parties[2].fingerprint", "must be a SHA-256 fingerprint"): parties[2]!["fingerprint"] = "AB:CD"; break;
            case ("parties[2].fingerprint", _): parties[2]!["fingerprint"] = parties[0]!["fingerprint"]!.GetValue<string>().Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant(); break;
            case ("parties[1].id", _): parties[1]!["id"] = 2; break;
            case ("parties[0].role", _): parties[0]!["role"] = "helper"; break;
            case ("recieveTimeoutSeconds", _): json["recieveTimeoutSeconds"] = 5; break;
            case ("receiveTimeoutSeconds", _): json["receiveTimeoutSeconds"] = -1; break;
            case ("parties[0].host", _): parties[0]!.AsObject().Remove("host"); break;
            case ("formatVersion", _): json["formatVersion"] = 2; break;
        }

        File.WriteAllText(Path.Combine(_dir, "parties.json"), json.ToJsonString());
        var e = Assert.Throws<PartyConfigurationException>(() => PartyConfiguration.Load(Path.Combine(_dir, "parties.json")));
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message);
        Assert.StartsWith(Path.Combine(_dir, "parties.json") + ": " + field + ": ", e.Message);
    }

    [Fact]
    public void ACertificateThatDoesNotMatchItsPinIsRefusedWhenLoaded()
    {
        var configuration = WriteDeployment();
        File.Copy(Path.Combine(_dir, "party2.crt"), Path.Combine(_dir, "party1.crt"), overwrite: true);
        var loaded = PartyConfiguration.Load(Path.Combine(_dir, "parties.json"));
        Assert.ThrowsAny<Exception>(() => loaded.LoadCertificate(1));
        var missingKey = loaded with { Parties = [loaded.Parties[0] with { Key = null }, loaded.Parties[1], loaded.Parties[2]] };
        var e = Assert.Throws<PartyConfigurationException>(() => missingKey.LoadCertificate(0));
        Assert.Equal("parties[0].key", e.Field);
        Assert.NotNull(configuration);
    }

    [Fact]
    public void FingerprintsAreNormalisedFromAnyCommonSpelling()
    {
        var canonical = CertificateFingerprint.Of(TcpTestParties.Certificate(0));
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", canonical);
        Assert.Equal(canonical, CertificateFingerprint.Normalize(canonical.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant()));
        Assert.Null(CertificateFingerprint.Normalize("not a fingerprint"));
    }

    private PartyConfiguration WriteDeployment()
    {
        var parties = new List<PartyEndpoint>();
        for (var id = 0; id < 3; id++)
        {
            using var certificate = PartyCertificates.CreateSelfSigned($"ditto-party-{id}");
            PartyCertificates.WritePem(certificate, Path.Combine(_dir, $"party{id}.crt"), Path.Combine(_dir, $"party{id}.key"));
            parties.Add(new PartyEndpoint(id, "127.0.0.1", 47100 + id, CertificateFingerprint.Of(certificate)) { Certificate = $"party{id}.crt", Key = $"party{id}.key" });
        }

        var configuration = new PartyConfiguration { Parties = parties, Session = "s1", ReceiveTimeout = TimeSpan.FromSeconds(7.5) };
        File.WriteAllText(Path.Combine(_dir, "parties.json"), configuration.ToJson());
        return configuration;
    }
}
