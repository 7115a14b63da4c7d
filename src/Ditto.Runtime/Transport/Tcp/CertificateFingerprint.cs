using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ditto.Runtime.Transport.Tcp;

/// <summary>
/// SHA-256 fingerprints of certificates, the way parties.json pins them: 64 hex digits over the DER encoding, written
/// with colons like <c>openssl x509 -noout -fingerprint -sha256</c> prints them. Parsing accepts either case, with or
/// without colons.
/// </summary>
public static class CertificateFingerprint
{
    /// <summary>The fingerprint of a certificate, in the canonical form (upper-case hex pairs joined by colons).</summary>
    public static string Of(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Format(SHA256.HashData(certificate.GetRawCertData()));
    }

    /// <summary>Brings a fingerprint into the canonical form, or returns null if it is not 32 bytes of hex.</summary>
    public static string? Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hex = text.Replace(":", string.Empty, StringComparison.Ordinal).Trim();
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
        {
            return null;
        }

        return Format(Convert.FromHexString(hex));
    }

    private static string Format(ReadOnlySpan<byte> digest) => string.Join(':', digest.ToArray().Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
