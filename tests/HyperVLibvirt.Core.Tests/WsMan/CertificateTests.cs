using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.WsMan;

/// <summary>Server certificates made in the test: a private CA, a leaf it signs, an expired leaf; what each switch accepts and what the errors say.</summary>
public sealed class CertificateTests : IDisposable
{
    private const string IdentifyResponse =
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">" +
        "<s:Header/><s:Body><wsmid:IdentifyResponse><wsmid:ProtocolVersion>http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd</wsmid:ProtocolVersion>" +
        "<wsmid:ProductVendor>Microsoft Corporation</wsmid:ProductVendor><wsmid:ProductVersion>OS: 10.0.17763 SP: 0.0 Stack: 3.0</wsmid:ProductVersion>" +
        "</wsmid:IdentifyResponse></s:Body></s:Envelope>";

    private readonly string _caFile = Path.Combine(Path.GetTempPath(), $"hvl-ca-{Guid.NewGuid():N}.pem");
    private readonly X509Certificate2 _ca;

    public CertificateTests()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=HyperVLibvirt Test CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllText(_caFile, _ca.ExportCertificatePem());
    }

    public void Dispose()
    {
        File.Delete(_caFile);
        _ca.Dispose();
    }

    /// <summary>A server certificate for 127.0.0.1 signed by the test CA.</summary>
    private X509Certificate2 Leaf(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        using var signed = request.Create(_ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    private static HostileServer Serve(X509Certificate2 certificate) =>
        new((req, s, ct) => HostileServer.WriteAsync(s, IdentifyResponse), certificate);

    private static WsManClient Client(HostileServer server, bool skipCa = false, string? pin = null, string? caFile = null) =>
        HostileServerTests.Client(server.Endpoint, o => new WsManSettings
        {
            ConnectTimeout = o.ConnectTimeout, OperationTimeout = o.OperationTimeout,
            SkipCACheck = skipCa, CertificateThumbprint = pin, CACertificateFile = caFile,
        });

    [Fact]
    public async Task A_private_ca_given_as_a_file_is_trusted_and_without_it_the_host_is_not()
    {
        using var leaf = Leaf(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await using var server = Serve(leaf);

        using var trusting = Client(server, caFile: _caFile);
        Assert.Equal("Microsoft Corporation", (await trusting.IdentifyAsync(false, null, CancellationToken.None)).ProductVendor);

        using var plain = Client(server);
        var ex = await Assert.ThrowsAsync<WsManCertificateException>(() => plain.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Contains("not trusted", ex.Message);
        Assert.Contains("-CACertificateFile", ex.Message);
    }

    [Fact]
    public async Task An_expired_certificate_from_a_trusted_ca_is_called_expired_not_unknown_ca()
    {
        using var leaf = Leaf(DateTimeOffset.UtcNow.AddDays(-20), DateTimeOffset.UtcNow.AddDays(-2));
        await using var server = Serve(leaf);
        using var client = Client(server, caFile: _caFile);
        var ex = await Assert.ThrowsAsync<WsManCertificateException>(() => client.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Contains("expired", ex.Message);
        Assert.DoesNotContain("not trusted", ex.Message);
        Assert.DoesNotContain("unknown CA", ex.Message);
    }

    [Fact]
    public async Task SkipCACheck_does_not_waive_expiry_but_a_pin_does()
    {
        using var leaf = Leaf(DateTimeOffset.UtcNow.AddDays(-20), DateTimeOffset.UtcNow.AddDays(-2));
        await using var server = Serve(leaf);

        using var skipping = Client(server, skipCa: true);
        var ex = await Assert.ThrowsAsync<WsManCertificateException>(() => skipping.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Contains("expired", ex.Message);

        using var pinned = Client(server, pin: leaf.Thumbprint);
        Assert.Equal("Microsoft Corporation", (await pinned.IdentifyAsync(false, null, CancellationToken.None)).ProductVendor);
    }

    [Fact]
    public async Task SkipCACheck_still_accepts_an_unknown_ca()
    {
        using var leaf = Leaf(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await using var server = Serve(leaf);
        using var client = Client(server, skipCa: true);
        Assert.Equal("Microsoft Corporation", (await client.IdentifyAsync(false, null, CancellationToken.None)).ProductVendor);
    }

    [Fact]
    public async Task A_pin_mismatch_does_not_recommend_the_skip_switches()
    {
        using var leaf = Leaf(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await using var server = Serve(leaf);
        using var client = Client(server, pin: new string('A', 40));
        var ex = await Assert.ThrowsAsync<WsManCertificateException>(() => client.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Contains("pinned", ex.Message);
        Assert.Contains(leaf.Thumbprint, ex.Message);
        Assert.DoesNotContain("-SkipCACheck", ex.Message);
        Assert.DoesNotContain("-SkipCNCheck", ex.Message);
    }

    [Fact]
    public void A_file_without_a_certificate_is_a_typed_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hvl-notca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, "not a certificate");
        try
        {
            var ex = Assert.Throws<CACertificateFileException>(() => CACertificateFile.Load(path));
            Assert.Contains(path, ex.Message);
            Assert.Throws<CACertificateFileException>(() => CACertificateFile.Load(path + ".missing"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
