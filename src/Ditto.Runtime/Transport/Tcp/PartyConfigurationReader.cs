using System.Text.Json;

namespace Ditto.Runtime.Transport.Tcp;

/// <summary>
/// Reads parties.json field by field, so that every error names the field ("parties[1].port") rather than a
/// deserializer's position. Unknown fields are errors: a misspelt timeout must not silently fall back to its default.
/// </summary>
internal sealed class PartyConfigurationReader(string source, string baseDirectory)
{
    private static readonly string[] RootFields = ["formatVersion", "session", "connectTimeoutSeconds", "receiveTimeoutSeconds", "maxFrameBytes", "parties"];
    private static readonly string[] PartyFields = ["id", "role", "host", "port", "listen", "fingerprint", "certificate", "key"];

    public PartyConfiguration Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error("(root)", "must be a JSON object.");
        }

        CheckFields(root, string.Empty, RootFields);
        var version = root.TryGetProperty("formatVersion", out var v) ? Integer(v, "formatVersion", 1, int.MaxValue) : PartyConfiguration.CurrentFormatVersion;
        if (version != PartyConfiguration.CurrentFormatVersion)
        {
            throw Error("formatVersion", $"is {version}; this version of ditto reads format {PartyConfiguration.CurrentFormatVersion}.");
        }

        if (!root.TryGetProperty("parties", out var parties) || parties.ValueKind != JsonValueKind.Array)
        {
            throw Error("parties", "is required: an array of the 3 parties, in id order.");
        }

        var defaults = new PartyConfiguration { Parties = [] };
        return new PartyConfiguration
        {
            Parties = [.. parties.EnumerateArray().Select((p, i) => Party(p, i))],
            Session = root.TryGetProperty("session", out var s) ? Text(s, "session") : defaults.Session,
            ConnectTimeout = root.TryGetProperty("connectTimeoutSeconds", out var ct) ? Seconds(ct, "connectTimeoutSeconds") : defaults.ConnectTimeout,
            ReceiveTimeout = root.TryGetProperty("receiveTimeoutSeconds", out var rt) ? Seconds(rt, "receiveTimeoutSeconds") : defaults.ReceiveTimeout,
            MaxFrameBytes = root.TryGetProperty("maxFrameBytes", out var mf) ? Integer(mf, "maxFrameBytes", 1024, int.MaxValue) : defaults.MaxFrameBytes,
        };
    }

    private PartyEndpoint Party(JsonElement p, int index)
    {
        var field = $"parties[{index}]";
        if (p.ValueKind != JsonValueKind.Object)
        {
            throw Error(field, "must be an object with id, host, port and fingerprint.");
        }

        CheckFields(p, field + ".", PartyFields);
        var id = Integer(Required(p, field, "id"), $"{field}.id", 0, 2);
        if (id != index)
        {
            throw Error($"{field}.id", $"must be {index} (parties are listed in id order), not {id}.");
        }

        if (p.TryGetProperty("role", out var role) && Text(role, $"{field}.role") != PartyEndpoint.RoleOf(id))
        {
            throw Error($"{field}.role", $"is \"{role.GetString()}\" but party {id} is the {PartyEndpoint.RoleOf(id)}.");
        }

        var fingerprintText = Text(Required(p, field, "fingerprint"), $"{field}.fingerprint");
        var fingerprint = CertificateFingerprint.Normalize(fingerprintText)
            ?? throw Error($"{field}.fingerprint", $"must be a SHA-256 fingerprint (64 hex digits, colons allowed), not \"{fingerprintText}\".");
        return new PartyEndpoint(id, Text(Required(p, field, "host"), $"{field}.host"), Integer(Required(p, field, "port"), $"{field}.port", 1, 65535), fingerprint)
        {
            Listen = p.TryGetProperty("listen", out var listen) ? Text(listen, $"{field}.listen") : null,
            Certificate = p.TryGetProperty("certificate", out var c) ? FilePath(c, $"{field}.certificate") : null,
            Key = p.TryGetProperty("key", out var k) ? FilePath(k, $"{field}.key") : null,
        };
    }

    private JsonElement Required(JsonElement obj, string field, string name) =>
        obj.TryGetProperty(name, out var value) ? value : throw Error($"{field}.{name}", "is required.");

    private void CheckFields(JsonElement obj, string prefix, string[] known)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Error(prefix + property.Name, $"is not a known field; expected one of {string.Join(", ", known)}.");
            }
        }
    }

    private int Integer(JsonElement value, string field, int min, int max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n) || n < min || n > max)
        {
            throw Error(field, $"must be an integer {min}..{max}, not {value.GetRawText()}.");
        }

        return (int)n;
    }

    private TimeSpan Seconds(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var s) || !(s > 0) || s > 86400)
        {
            throw Error(field, $"must be a number of seconds, more than 0 and at most 86400, not {value.GetRawText()}.");
        }

        return TimeSpan.FromSeconds(s);
    }

    private string Text(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Error(field, $"must be a non-empty string, not {value.GetRawText()}.");
        }

        return value.GetString()!;
    }

    private string FilePath(JsonElement value, string field) => Path.GetFullPath(Text(value, field), baseDirectory);

    private PartyConfigurationException Error(string field, string problem) => new(source, field, problem);
}
