using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Text.Json;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Bench;

/// <summary>
/// 'seal': what WinRM message encryption costs the client per listing, without a network or PowerShell in the way.
/// An NTLM context pair runs in this process (Core's client context; a .NET acceptor on gss-ntlmssp, which reads its
/// accounts from the file NTLM_USER_FILE names, set by the caller before this process starts). Then, per listing of the
/// given page sizes: the client seals the Enumerate and Pull envelopes, the acceptor wraps each page as the host would,
/// and the client unseals it. Unsealing is timed whole and its framing (parsing the multipart/encrypted body) alone, so
/// the rest is Unwrap with its copies. Prints one JSON object (microseconds per listing, medians over the second half).
/// </summary>
public static class SealingCost
{
    // MS-NLMP 3.4.3: an NTLM sealed message carries a 16-byte signature.
    private const int NtlmSignatureBytes = 16;

    public static int Run(string password, int runs, IReadOnlyList<int> pageBytes, bool managedClient = false)
    {
        if (managedClient)
        {
            // .NET's own NTLM for the client (the switch Core leaves alone when set): its RC4 and HMAC-MD5 against gss-ntlmssp's.
            AppContext.SetSwitch("System.Net.Security.UseManagedNtlm", true);
        }
        using var client = SecurityContext.Create("NTLM", new NetworkCredential("admin", password), "HTTP/127.0.0.1", encrypt: true);
        using var host = new NegotiateAuthentication(new NegotiateAuthenticationServerOptions { Package = "NTLM" });
        Handshake(client, host);

        var requests = RequestEnvelopes(pageBytes.Count);
        // The pages' content does not change what RC4 or the framing costs; their sizes do.
        var pages = pageBytes.Select(n => { var b = new byte[n]; Random.Shared.NextBytes(b); return b; }).ToArray();
        var seal = new List<double>();
        var sealFraming = new List<double>();
        var unseal = new List<double>();
        var unsealFraming = new List<double>();
        var hostWrap = new List<double>();
        // Stand-ins for the requests' wrap output (signature and sealed bytes), to time their framing alone.
        var requestTokens = requests.Select(r => new byte[r.Length + NtlmSignatureBytes]).ToArray();
        var wrapped = new System.Buffers.ArrayBufferWriter<byte>(pageBytes.Max() + 64);
        for (var run = 0; run < runs; run++)
        {
            long tSeal = 0, tSealFraming = 0, tUnseal = 0, tUnsealFraming = 0, tHost = 0;
            for (var i = 0; i < pages.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                _ = client.Seal(requests[i]);
                tSeal += Stopwatch.GetTimestamp() - start;

                start = Stopwatch.GetTimestamp();
                _ = EncryptedBody.Write(EncryptedBody.SpnegoProtocol, requestTokens[i], NtlmSignatureBytes, requests[i].Length);
                tSealFraming += Stopwatch.GetTimestamp() - start;

                wrapped.Clear();
                start = Stopwatch.GetTimestamp();
                if (host.Wrap(pages[i], wrapped, requestEncryption: true, out var encrypted) != NegotiateAuthenticationStatusCode.Completed || !encrypted)
                {
                    throw new InvalidOperationException("The acceptor could not seal a page.");
                }
                var body = EncryptedBody.Write(EncryptedBody.SpnegoProtocol, wrapped.WrittenSpan, wrapped.WrittenCount - pages[i].Length, pages[i].Length);
                tHost += Stopwatch.GetTimestamp() - start;

                start = Stopwatch.GetTimestamp();
                var plaintext = client.Unseal(body, out _);
                tUnseal += Stopwatch.GetTimestamp() - start;
                if (plaintext.Length != pages[i].Length)
                {
                    throw new InvalidOperationException("A page did not unseal to its own length.");
                }

                start = Stopwatch.GetTimestamp();
                _ = EncryptedBody.Read(body, out _, out _, out _);
                tUnsealFraming += Stopwatch.GetTimestamp() - start;
            }
            if (run >= runs / 2)
            {
                seal.Add(Micro(tSeal));
                sealFraming.Add(Micro(tSealFraming));
                unseal.Add(Micro(tUnseal));
                unsealFraming.Add(Micro(tUnsealFraming));
                hostWrap.Add(Micro(tHost));
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            Package = client.NegotiatedPackage,
            Client = managedClient ? "managed" : "platform",
            Pages = pageBytes.Count,
            PageBytes = pageBytes.Sum(),
            RequestBytes = requests.Sum(r => r.Length),
            Runs = seal.Count,
            // Client side, per listing.
            SealUs = Median(seal),
            SealFramingUs = Median(sealFraming),
            UnsealUs = Median(unseal),
            UnsealFramingUs = Median(unsealFraming),
            // The host's side (the simulator's serving time holds its own version of this).
            HostWrapUs = Median(hostWrap),
        }));
        return 0;
    }

    private static void Handshake(SecurityContext client, NegotiateAuthentication host)
    {
        var incoming = Array.Empty<byte>();
        for (var leg = 0; leg < 4 && !(client.IsAuthenticated && host.IsAuthenticated); leg++)
        {
            var token = client.Next(incoming, out var status);
            if (status is not (NegotiateAuthenticationStatusCode.ContinueNeeded or NegotiateAuthenticationStatusCode.Completed))
            {
                throw new InvalidOperationException($"The client's NTLM step failed ({status}).");
            }
            if (token is null || token.Length == 0)
            {
                break;
            }
            incoming = host.GetOutgoingBlob(token, out var hostStatus) ?? Array.Empty<byte>();
            if (hostStatus is not (NegotiateAuthenticationStatusCode.ContinueNeeded or NegotiateAuthenticationStatusCode.Completed))
            {
                throw new InvalidOperationException($"The acceptor's NTLM step failed ({hostStatus}); is NTLM_USER_FILE set?");
            }
        }
        if (!client.IsAuthenticated || !host.IsAuthenticated)
        {
            throw new InvalidOperationException("The in-process NTLM handshake did not complete.");
        }
    }

    private static List<byte[]> RequestEnvelopes(int count)
    {
        // The envelopes a listing of that many pages sends: one Enumerate, then Pulls (with a context of the usual shape).
        var settings = new WsManSettings();
        var writer = new RequestEnvelopeWriter(new Uri("http://127.0.0.1:5985/wsman"), settings.MaxEnvelopeSize, settings.OperationTimeout, settings.Locale);
        var resource = WmiNamespace.AllClassesUri(WmiNamespace.V2);
        var list = new List<byte[]> { writer.Enumerate(resource, CoreListing.AllDomainsWql, settings.MaxElements, WsManEnumerationMode.Objects) };
        while (list.Count < count)
        {
            list.Add(writer.Pull(resource, "uuid:" + Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture).ToUpperInvariant(), settings.MaxElements));
        }
        return list;
    }

    private static double Micro(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? double.NaN : values[values.Count / 2];
    }
}
