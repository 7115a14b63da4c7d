using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Ditto.Runtime.Transport.Tcp;

namespace Ditto.Cli.Deployment;

/// <summary>
/// Writes a deployment folder: for each party a self-signed ECDSA P-256 certificate and key (partyN.crt, partyN.key,
/// PEM) and one parties.json that pins the three fingerprints and names each party's files by relative path.
/// </summary>
internal static class LocalDeployment
{
    public const string ConfigurationFile = "parties.json";

    public static PartyConfiguration Create(string directory, IReadOnlyList<string> hosts, IReadOnlyList<int> ports, string session, TimeSpan connectTimeout, TimeSpan receiveTimeout, bool overwrite)
    {
        Directory.CreateDirectory(directory);
        var files = Enumerable.Range(0, 3).SelectMany(i => new[] { $"party{i}.crt", $"party{i}.key" }).Append(ConfigurationFile).ToList();
        var existing = files.Where(f => File.Exists(Path.Combine(directory, f))).ToList();
        if (existing.Count > 0 && !overwrite)
        {
            throw new IOException($"{directory} already holds {string.Join(", ", existing)}; pass --force to replace them.");
        }

        foreach (var file in existing)
        {
            File.Delete(Path.Combine(directory, file));
        }

        var parties = new List<PartyEndpoint>();
        for (var id = 0; id < 3; id++)
        {
            using var certificate = PartyCertificates.CreateSelfSigned($"ditto-party-{id}-{PartyEndpoint.RoleOf(id)}");
            PartyCertificates.WritePem(certificate, Path.Combine(directory, $"party{id}.crt"), Path.Combine(directory, $"party{id}.key"));
            parties.Add(new PartyEndpoint(id, hosts[id], ports[id], CertificateFingerprint.Of(certificate)) { Certificate = $"party{id}.crt", Key = $"party{id}.key" });
        }

        var configuration = new PartyConfiguration { Parties = parties, Session = session, ConnectTimeout = connectTimeout, ReceiveTimeout = receiveTimeout };
        configuration.Validate(Path.Combine(directory, ConfigurationFile));
        File.WriteAllText(Path.Combine(directory, ConfigurationFile), configuration.ToJson());
        return configuration;
    }

    /// <summary>A fresh session name, so that parties of two deployments never take each other for peers.</summary>
    public static string NewSession() => "ditto-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>Ports that are free on loopback right now (the OS picks them; another process could still take one before we listen).</summary>
    public static int[] FreeLoopbackPorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
