using HyperVLibvirt.Core.Uris;

namespace HyperVLibvirt.Core.Tests.Uris;

public class LibvirtUriTests
{
    [Fact]
    public void Https_is_the_default_transport_with_port_5986()
    {
        var uri = LibvirtUri.Parse("hyperv://example-hyperv.com");

        Assert.Equal("example-hyperv.com", uri.Host);
        Assert.Equal(5986, uri.Port);
        Assert.Equal(HvTransport.Https, uri.Transport);
        Assert.True(uri.IsEncrypted);
        Assert.Null(uri.UserName);
        Assert.Empty(uri.Warnings);
        Assert.Equal(new Uri("https://example-hyperv.com:5986/wsman"), uri.Endpoint);
    }

    [Fact]
    public void Transport_http_defaults_to_port_5985()
    {
        var uri = LibvirtUri.Parse("hyperv://example-hyperv.com/?transport=http");

        Assert.Equal(HvTransport.Http, uri.Transport);
        Assert.Equal(5985, uri.Port);
        Assert.False(uri.IsEncrypted);
        Assert.Equal("http://example-hyperv.com:5985/wsman", uri.Endpoint.ToString());
    }

    [Fact]
    public void Parses_the_uri_libvirt_fixtures_were_recorded_with()
    {
        var uri = LibvirtUri.Parse("hyperv://admin@127.0.0.1:5985/?transport=http");

        Assert.Equal("admin", uri.UserName);
        Assert.Equal("127.0.0.1", uri.Host);
        Assert.Equal(5985, uri.Port);
        Assert.Equal(HvTransport.Http, uri.Transport);
        Assert.Equal("http://127.0.0.1:5985/wsman", uri.Endpoint.ToString());
    }

    [Fact]
    public void Explicit_port_overrides_the_default()
    {
        var uri = LibvirtUri.Parse("hyperv://host.example:8443/");

        Assert.Equal(8443, uri.Port);
        Assert.Equal("https://host.example:8443/wsman", uri.Endpoint.ToString());
    }

    [Fact]
    public void Empty_port_means_the_default()
    {
        Assert.Equal(5986, LibvirtUri.Parse("hyperv://host.example:/").Port);
    }

    [Theory]
    [InlineData("hyperv://DOMAIN%5Cuser@host.example/", "DOMAIN\\user")]
    [InlineData("hyperv://user%40corp.example@host.example/", "user@corp.example")]
    [InlineData("hyperv://user@corp.example@host.example/", "user@corp.example")]
    [InlineData("hyperv://J%C3%BCrgen@host.example/", "Jürgen")]
    [InlineData("hyperv://administrator@host.example/", "administrator")]
    [InlineData("hyperv://%F0%9F%98%80x\ud83d\ude00@host.example/", "\ud83d\ude00x\ud83d\ude00")]
    public void User_name_is_percent_decoded(string text, string expected)
    {
        var uri = LibvirtUri.Parse(text);

        Assert.Equal(expected, uri.UserName);
        Assert.Equal("host.example", uri.Host);
    }

    [Fact]
    public void Empty_user_part_means_no_user()
    {
        Assert.Null(LibvirtUri.Parse("hyperv://@host.example/").UserName);
    }

    [Theory]
    [InlineData("hyperv://host/?transport=http", HvTransport.Http)]
    [InlineData("hyperv://host/?Transport=http", HvTransport.Http)]
    [InlineData("hyperv://host/?TRANSPORT=https", HvTransport.Https)]
    [InlineData("hyperv://host/?transport=https", HvTransport.Https)]
    [InlineData("hyperv://host?transport=http", HvTransport.Http)]
    [InlineData("hyperv://host/some/path?transport=http", HvTransport.Http)]
    [InlineData("hyperv://host/?transport=%68ttp", HvTransport.Http)]
    [InlineData("hyperv://host/?trans%70ort=http", HvTransport.Http)]
    public void Transport_name_is_case_insensitive_and_decoded(string text, HvTransport expected)
    {
        Assert.Equal(expected, LibvirtUri.Parse(text).Transport);
    }

    [Theory]
    [InlineData("hyperv://host/?transport=HTTP", "HTTP")]
    [InlineData("hyperv://host/?transport=Https", "Https")]
    [InlineData("hyperv://host/?transport=ssh", "ssh")]
    [InlineData("hyperv://host/?transport=", "")]
    [InlineData("hyperv://host/?transport", "")]
    [InlineData("hyperv://host/?transport=http%20", "http ")]
    public void Transport_value_is_case_sensitive_with_libvirts_error(string text, string value)
    {
        var ex = Assert.Throws<LibvirtUriException>(() => LibvirtUri.Parse(text));

        Assert.Equal($"Query parameter 'transport' has unexpected value '{value}' (should be http|https)", ex.Message);
    }

    [Fact]
    public void Last_transport_wins()
    {
        Assert.Equal(HvTransport.Https, LibvirtUri.Parse("hyperv://host/?transport=http&transport=https").Transport);
        Assert.Equal(HvTransport.Http, LibvirtUri.Parse("hyperv://host/?transport=https&transport=http").Transport);
    }

    [Fact]
    public void Every_repeated_transport_is_validated()
    {
        var ex = Assert.Throws<LibvirtUriException>(() => LibvirtUri.Parse("hyperv://host/?transport=bogus&transport=http"));

        Assert.Contains("'bogus'", ex.Message);
    }

    [Fact]
    public void Unknown_parameters_are_warnings_not_errors()
    {
        var uri = LibvirtUri.Parse("hyperv://host/?authfile=/tmp/auth.conf&no_verify=1;transport=http&Extra");

        Assert.Equal(HvTransport.Http, uri.Transport);
        Assert.Equal(
            new[]
            {
                "Ignoring unexpected query parameter 'authfile'",
                "Ignoring unexpected query parameter 'no_verify'",
                "Ignoring unexpected query parameter 'Extra'",
            },
            uri.Warnings);
    }

    [Fact]
    public void Empty_query_segments_are_skipped()
    {
        var uri = LibvirtUri.Parse("hyperv://host/?&&transport=http&");

        Assert.Equal(HvTransport.Http, uri.Transport);
        Assert.Empty(uri.Warnings);
    }

    [Theory]
    [InlineData("hyperv://host/anything/at/all")]
    [InlineData("hyperv://host/wsman")]
    [InlineData("hyperv://host")]
    public void Path_is_ignored_and_endpoint_is_always_wsman(string text)
    {
        Assert.Equal("/wsman", LibvirtUri.Parse(text).Endpoint.AbsolutePath);
    }

    [Fact]
    public void Fragment_is_ignored_with_a_warning()
    {
        var uri = LibvirtUri.Parse("hyperv://host/?transport=http#frag");

        Assert.Equal(HvTransport.Http, uri.Transport);
        Assert.Equal(new[] { "Ignoring URI fragment '#frag'" }, uri.Warnings);
    }

    [Theory]
    [InlineData("HyperV://host/")]
    [InlineData("HYPERV://host/")]
    public void Scheme_is_case_insensitive(string text)
    {
        var uri = LibvirtUri.Parse(text);

        Assert.Equal("host", uri.Host);
        Assert.StartsWith("hyperv://", uri.ToString());
    }

    [Fact]
    public void Ipv6_literal_with_port_and_transport()
    {
        var uri = LibvirtUri.Parse("hyperv://[::1]:5985/?transport=http");

        Assert.Equal("::1", uri.Host);
        Assert.Equal(5985, uri.Port);
        Assert.Equal("http://[::1]:5985/wsman", uri.Endpoint.ToString());
        Assert.Equal("hyperv://[::1]/?transport=http", uri.ToString());
    }

    [Fact]
    public void Ipv6_literal_without_port()
    {
        var uri = LibvirtUri.Parse("hyperv://user@[2001:db8::10]/");

        Assert.Equal("2001:db8::10", uri.Host);
        Assert.Equal(5986, uri.Port);
        Assert.Equal("user", uri.UserName);
        Assert.Equal("https://[2001:db8::10]:5986/wsman", uri.Endpoint.ToString());
    }

    [Fact]
    public void Ipv6_zone_id_is_written_as_percent_25()
    {
        var uri = LibvirtUri.Parse("hyperv://[fe80::1%25eth0]:5985/?transport=http");

        Assert.Equal("fe80::1%eth0", uri.Host);
        Assert.Equal("fe80::1%eth0", uri.Endpoint.IdnHost.Replace("%25", "%"));
        Assert.Equal("hyperv://[fe80::1%25eth0]/?transport=http", uri.ToString());
    }

    [Fact]
    public void Surrounding_whitespace_is_trimmed()
    {
        Assert.Equal("host", LibvirtUri.Parse("  hyperv://host/ ").Host);
    }

    [Theory]
    [InlineData("hyperv://")]
    [InlineData("hyperv:///")]
    [InlineData("hyperv:///?transport=http")]
    [InlineData("hyperv://user@/")]
    [InlineData("hyperv://:5985/")]
    [InlineData("hyperv://[]/")]
    public void Missing_host_gives_libvirts_error(string text)
    {
        var ex = Assert.Throws<LibvirtUriException>(() => LibvirtUri.Parse(text));

        Assert.Equal("URI is missing the server part", ex.Message);
    }

    public static TheoryData<string> MalformedHostNames => new()
    {
        "hyperv://a..b/",
        "hyperv://./",
        "hyperv://127..1/",
        "hyperv://.host/",
        "hyperv://host../",
        "hyperv://" + new string('a', 64) + ".example/",
        "hyperv://" + string.Join(".", Enumerable.Repeat(new string('a', 50), 6)) + "/",
    };

    [Theory]
    [MemberData(nameof(MalformedHostNames))]
    public void Malformed_host_names_are_invalid_uris_not_uri_format_exceptions(string text)
    {
        var ex = Assert.Throws<LibvirtUriException>(() => LibvirtUri.Parse(text));

        Assert.StartsWith("Invalid host name", ex.Message);
        Assert.False(LibvirtUri.TryParse(text, out _));
    }

    [Theory]
    [InlineData("hyperv://host.example./")]
    [InlineData("hyperv://a/")]
    public void Fully_qualified_and_short_host_names_still_parse(string text)
    {
        Assert.Equal(new Uri(text.Replace("hyperv", "https", StringComparison.Ordinal)).Host, LibvirtUri.Parse(text).Host);
    }

    [Fact]
    public void A_63_character_label_is_accepted()
    {
        var label = new string('a', 63);
        Assert.Equal(label + ".example", LibvirtUri.Parse($"hyperv://{label}.example/").Host);
    }

    [Fact]
    public void Hyperv_plus_ssh_gives_libvirts_historic_error()
    {
        var ex = Assert.Throws<LibvirtUriException>(() => LibvirtUri.Parse("hyperv+ssh://host/"));

        Assert.Equal("Transport 'ssh' in URI scheme is not supported, try again without the transport part", ex.Message);
    }

    [Theory]
    [InlineData("qemu:///system", "qemu")]
    [InlineData("esx://host/", "esx")]
    [InlineData("https://host/wsman", "https")]
    public void Other_schemes_are_rejected_with_a_hint(string text, string scheme)
    {
        var ex = Assert.Throws<LibvirtUriException>(() => LibvirtUri.Parse(text));

        Assert.Equal($"Unsupported URI scheme '{scheme}': use hyperv://[username@]hostname[:port]/[?transport=http|https][&auth=negotiate|kerberos|ntlm|basic]", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("host.example")]
    [InlineData("hyperv:/host")]
    [InlineData("://host")]
    [InlineData("1hyperv://host")]
    public void Text_without_a_scheme_is_rejected(string text)
    {
        var ex = Assert.Throws<LibvirtUriException>(() => LibvirtUri.Parse(text));

        Assert.StartsWith("Invalid connection URI", ex.Message);
    }

    [Theory]
    [InlineData("hyperv://host:0/", "0")]
    [InlineData("hyperv://host:65536/", "65536")]
    [InlineData("hyperv://host:99999999999/", "99999999999")]
    [InlineData("hyperv://host:http/", "http")]
    [InlineData("hyperv://host:-1/", "-1")]
    [InlineData("hyperv://host:+80/", "+80")]
    [InlineData("hyperv://[::1]:abc/", "abc")]
    public void Bad_ports_are_rejected(string text, string port)
    {
        var ex = Assert.Throws<LibvirtUriException>(() => LibvirtUri.Parse(text));

        Assert.Equal($"Invalid port '{port}' in URI: expected a number from 1 to 65535", ex.Message);
    }

    [Theory]
    [InlineData("hyperv://host:1/", 1)]
    [InlineData("hyperv://host:65535/", 65535)]
    [InlineData("hyperv://host:00080/", 80)]
    public void Port_bounds_are_inclusive(string text, int port)
    {
        Assert.Equal(port, LibvirtUri.Parse(text).Port);
    }

    [Theory]
    [InlineData("hyperv://admin:Secr3t!@host/")]
    [InlineData("hyperv://admin:@host/")]
    [InlineData("hyperv://DOMAIN%5Cadmin:Secr3t!@host:5985/?transport=http")]
    [InlineData("hyperv://admin:Sec/r3t@host/")]
    [InlineData("hyperv://admin:Sec?r3t@host/")]
    [InlineData("hyperv://admin:Sec#r3t@host/")]
    public void A_password_is_rejected_and_never_echoed(string text)
    {
        var ex = Assert.Throws<LibvirtUriException>(() => LibvirtUri.Parse(text));

        Assert.Contains("must not contain a password", ex.Message);
        Assert.DoesNotContain("r3t", ex.Message);
        Assert.False(LibvirtUri.TryParse(text, out _));
    }

    [Theory]
    [InlineData("hyperv://::1/")]
    [InlineData("hyperv://2001:db8::1:5985/")]
    public void Unbracketed_ipv6_is_rejected(string text)
    {
        var ex = Assert.Throws<LibvirtUriException>(() => LibvirtUri.Parse(text));

        Assert.Contains("enclose an IPv6 address in brackets", ex.Message);
    }

    [Theory]
    [InlineData("hyperv://[::1/", "missing ']'")]
    [InlineData("hyperv://[not-an-ip]/", "Invalid IPv6 address '[not-an-ip]'")]
    [InlineData("hyperv://[127.0.0.1]/", "Invalid IPv6 address '[127.0.0.1]'")]
    [InlineData("hyperv://[::1]x/", "Unexpected text 'x'")]
    public void Malformed_ipv6_literals_are_rejected(string text, string fragment)
    {
        var ex = Assert.Throws<LibvirtUriException>(() => LibvirtUri.Parse(text));

        Assert.Contains(fragment, ex.Message);
    }

    [Theory]
    [InlineData("hyperv://ho st/")]
    [InlineData("hyperv://host%41/")]
    [InlineData("hyperv://ho\\st/")]
    public void Invalid_host_characters_are_rejected(string text)
    {
        var ex = Assert.Throws<LibvirtUriException>(() => LibvirtUri.Parse(text));

        Assert.StartsWith("Invalid host name", ex.Message);
    }

    [Theory]
    [InlineData("hyperv://bad%zzuser@host/")]
    [InlineData("hyperv://bad%C3user@host/")]
    [InlineData("hyperv://host/?transport=%g0")]
    public void Malformed_percent_encoding_is_rejected(string text)
    {
        var ex = Assert.Throws<LibvirtUriException>(() => LibvirtUri.Parse(text));

        Assert.Contains("percent-encoding", ex.Message);
    }

    [Fact]
    public void Exception_is_a_format_exception()
    {
        Assert.IsAssignableFrom<FormatException>(Assert.Throws<LibvirtUriException>(() => LibvirtUri.Parse("x")));
    }

    [Fact]
    public void Parse_rejects_null()
    {
        Assert.Throws<ArgumentNullException>(() => LibvirtUri.Parse(null!));
    }

    [Fact]
    public void TryParse_reports_success_and_failure()
    {
        Assert.True(LibvirtUri.TryParse("hyperv://host/", out var ok));
        Assert.Equal("host", ok!.Host);
        Assert.False(LibvirtUri.TryParse("hyperv://host/?transport=ftp", out var bad));
        Assert.Null(bad);
        Assert.False(LibvirtUri.TryParse(null, out _));
    }

    [Theory]
    [InlineData("hyperv://host", "hyperv://host/")]
    [InlineData("HYPERV://host:5986/path?transport=https&x=1", "hyperv://host/")]
    [InlineData("hyperv://host/?transport=http", "hyperv://host/?transport=http")]
    [InlineData("hyperv://host:5985/?transport=http", "hyperv://host/?transport=http")]
    [InlineData("hyperv://host:5985/", "hyperv://host:5985/")]
    [InlineData("hyperv://host:5986/?transport=http", "hyperv://host:5986/?transport=http")]
    [InlineData("hyperv://DOMAIN%5Cuser@host/", "hyperv://DOMAIN%5Cuser@host/")]
    [InlineData("hyperv://user@corp.example@host/", "hyperv://user%40corp.example@host/")]
    public void ToString_gives_a_canonical_form(string text, string canonical)
    {
        var uri = LibvirtUri.Parse(text);

        Assert.Equal(canonical, uri.ToString());
        Assert.Equal(uri, LibvirtUri.Parse(uri.ToString()));
    }

    [Fact]
    public void Equality_ignores_host_case_and_spelling_of_defaults()
    {
        var a = LibvirtUri.Parse("hyperv://HOST.example/");
        var b = LibvirtUri.Parse("hyperv://host.example:5986/?transport=https");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, LibvirtUri.Parse("hyperv://user@host.example/"));
        Assert.NotEqual(a, LibvirtUri.Parse("hyperv://host.example/?transport=http"));
    }

    [Fact]
    public void Default_port_helper_matches_transport()
    {
        Assert.Equal(5986, LibvirtUri.DefaultPortFor(HvTransport.Https));
        Assert.Equal(5985, LibvirtUri.DefaultPortFor(HvTransport.Http));
        Assert.True(LibvirtUri.Parse("hyperv://h/").IsDefaultPort);
        Assert.False(LibvirtUri.Parse("hyperv://h:1/").IsDefaultPort);
    }
}
