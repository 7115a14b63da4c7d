using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ditto.Runtime.Transport.Tcp;

/// <summary>
/// Party certificates: self-signed ECDSA P-256, identified by their pinned SHA-256 fingerprint rather than by a
/// certificate authority. Stored as PEM: the certificate (<c>partyN.crt</c>) and its unencrypted PKCS#8 key
/// (<c>partyN.key</c>, readable by its owner only).
/// </summary>
public static class PartyCertificates
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>Creates a self-signed certificate with its private key for a party (valid from yesterday for <paramref name="validYears"/> years).</summary>
    public static X509Certificate2 CreateSelfSigned(string subjectName, int validYears = 5)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectName);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={subjectName}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        // Each party is a TLS server for higher ids and a TLS client for lower ids.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuth), new Oid(ClientAuth)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return ForTls(request.CreateSelfSigned(now.AddDays(-1), now.AddYears(validYears)));
    }

    /// <summary>Writes a certificate and its private key as PEM files; the key file is made readable by its owner only.</summary>
    public static void WritePem(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new ArgumentException("The certificate has no ECDSA private key to write.", nameof(certificate));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(keyPath, options);
        using var writer = new StreamWriter(stream);
        writer.Write(key.ExportPkcs8PrivateKeyPem());
        writer.Write('\n');
    }

    /// <summary>Loads a party's certificate and private key from PEM files, naming the file that is missing or malformed.</summary>
    public static X509Certificate2 LoadPem(string certificatePath, string keyPath)
    {
        foreach (var path in new[] { certificatePath, keyPath })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The party certificate file {path} does not exist.", path);
            }
        }

        X509Certificate2 loaded;
        try
        {
            loaded = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException($"Cannot load the certificate {certificatePath} with the private key {keyPath}: {e.Message} Both must be PEM (a CERTIFICATE and a PKCS#8 PRIVATE KEY of the same key pair).", e);
        }

        return ForTls(loaded);
    }

    // An ephemeral key works with OpenSSL; Windows' TLS stack needs it in a key store, so round-trip through PKCS#12 there.
    private static X509Certificate2 ForTls(X509Certificate2 certificate)
    {
        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }

        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
