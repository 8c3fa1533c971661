using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NumbersBot.Tests.Support.Hosting;

/// <summary>
/// RSA keys take a while to make: each is made once per test run, by the name a test gives it, and shared by every
/// test that names it. Two names never share a key, so a key a test calls rogue stays unknown to the channel.
/// </summary>
public static class TestKeys
{
    private static readonly ConcurrentDictionary<string, Lazy<RSA>> Keys = new(StringComparer.Ordinal);
    private static readonly Lazy<X509Certificate2> Certificate = new(MakeLoopbackCertificate);

    public static RSA Rsa(string name) => Keys.GetOrAdd(name, _ => new Lazy<RSA>(() => RSA.Create(2048))).Value;

    /// <summary>A self-signed certificate for 127.0.0.1, for fakes that must speak https.</summary>
    public static X509Certificate2 LoopbackCertificate => Certificate.Value;

    private static X509Certificate2 MakeLoopbackCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        // A certificate authority too, so a process given it as its only trusted root (SSL_CERT_FILE) accepts it.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
    }
}
