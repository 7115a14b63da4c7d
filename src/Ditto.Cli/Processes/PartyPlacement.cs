using System.Globalization;

namespace Ditto.Cli.Processes;

/// <summary>
/// Where the three party processes run: on loopback (the default), or each in its own network namespace as
/// scripts/netns-shape.sh sets them up (namespace PREFIX-pN at SUBNET.(N+1), shaped like the paper's LAN or WAN), so a
/// run is measured over a shaped network. The namespaces follow the script's environment variables
/// DITTO_NETNS_PREFIX (default "ditto") and DITTO_NETNS_SUBNET (default "10.77.0").
/// </summary>
internal sealed record PartyPlacement(string Name, IReadOnlyList<string> Hosts, Func<int, IReadOnlyList<string>> Wrapper)
{
    public static PartyPlacement Loopback { get; } = new("loopback", ["127.0.0.1", "127.0.0.1", "127.0.0.1"], _ => []);

    /// <summary>The namespaces of scripts/netns-shape.sh; refuses with a clear message when they are not there.</summary>
    public static PartyPlacement ShapedNamespaces()
    {
        var prefix = Environment.GetEnvironmentVariable("DITTO_NETNS_PREFIX") is { Length: > 0 } p ? p : "ditto";
        var subnet = Environment.GetEnvironmentVariable("DITTO_NETNS_SUBNET") is { Length: > 0 } s ? s : "10.77.0";
        var missing = Enumerable.Range(0, 3).Select(id => $"{prefix}-p{id}").Where(ns => !File.Exists(Path.Combine("/var/run/netns", ns))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"--netns: the network namespace(s) {string.Join(", ", missing)} do not exist; run `scripts/netns-shape.sh up lan|wan` as root first.");
        }

        return new PartyPlacement(
            $"network namespaces {prefix}-p0..2 (scripts/netns-shape.sh)",
            [.. Enumerable.Range(1, 3).Select(i => $"{subnet}.{i.ToString(CultureInfo.InvariantCulture)}")],
            id => ["ip", "netns", "exec", $"{prefix}-p{id.ToString(CultureInfo.InvariantCulture)}"]);
    }
}
