using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Ditto.Runtime.Transport.Tcp;

/// <summary>
/// TLS 1.3 with certificates required in both directions. A peer is trusted only if its certificate's SHA-256
/// fingerprint is pinned in parties.json: the chain policy trusts no root (no OS store, no downloads, no revocation
/// fetches), and the validation callback decides by fingerprint alone.
/// </summary>
internal static class TlsSettings
{
    public static SslServerAuthenticationOptions Server(SslStreamCertificateContext own, RemoteCertificateValidationCallback validate) => new()
    {
        ServerCertificateContext = own,
        ClientCertificateRequired = true,
        EnabledSslProtocols = SslProtocols.Tls13,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        CertificateChainPolicy = PinnedOnlyPolicy(),
        RemoteCertificateValidationCallback = validate,
        CipherSuitesPolicy = Ciphers(),
        AllowRenegotiation = false,
    };

    public static SslClientAuthenticationOptions Client(SslStreamCertificateContext own, int peer, RemoteCertificateValidationCallback validate) => new()
    {
        TargetHost = $"ditto-party-{peer}",
        ClientCertificateContext = own,
        EnabledSslProtocols = SslProtocols.Tls13,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        CertificateChainPolicy = PinnedOnlyPolicy(),
        RemoteCertificateValidationCallback = validate,
        CipherSuitesPolicy = Ciphers(),
        AllowRenegotiation = false,
    };

    private static X509ChainPolicy PinnedOnlyPolicy() => new()
    {
        TrustMode = X509ChainTrustMode.CustomRootTrust,
        RevocationMode = X509RevocationMode.NoCheck,
        DisableCertificateDownloads = true,
    };

    // AES-128-GCM first: the fastest suite with AES-NI, and what bulk share traffic needs. Only Linux lets us choose.
    private static CipherSuitesPolicy? Ciphers() => OperatingSystem.IsLinux()
        ? new CipherSuitesPolicy([TlsCipherSuite.TLS_AES_128_GCM_SHA256, TlsCipherSuite.TLS_AES_256_GCM_SHA384, TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256])
        : null;
}
