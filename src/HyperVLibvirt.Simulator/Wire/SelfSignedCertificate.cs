using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HyperVLibvirt.Simulator.Wire;

/// <summary>Creates the HTTPS listener's throwaway certificate (ECDSA P-256, localhost + loopback, one day).</summary>
internal static class SelfSignedCertificate
{
    /// <summary>Creates a certificate with its private key, usable by Kestrel.</summary>
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=HyperVLibvirt Simulator", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Writes the public certificate: PEM unless the path ends in .cer/.der (DER).</summary>
    public static void WritePublic(X509Certificate2 certificate, string path)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".cer", StringComparison.OrdinalIgnoreCase) || extension.Equals(".der", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Cert));
        }
        else
        {
            File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
        }
    }
}
