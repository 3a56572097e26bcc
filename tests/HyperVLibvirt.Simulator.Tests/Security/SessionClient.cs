using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HyperVLibvirt.Simulator.Tests.Security;

/// <summary>
/// A minimal WinRM client for the simulator's tests, independent of the product's client: one TCP
/// connection (MaxConnectionsPerServer = 1, counted), the RFC 4559 handshake with an empty POST,
/// then requests sealed with the context as MS-WSMV 2.2.9.1 frames them.
/// </summary>
internal sealed class SessionClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private int _connections;

    public SessionClient(Uri endpoint, X509Certificate2? trusted = null)
    {
        _endpoint = endpoint;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectCallback = async (context, token) =>
            {
                Interlocked.Increment(ref _connections);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && trusted is not null && certificate.GetCertHashString() == trusted.GetCertHashString(),
            },
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The security context once a handshake started.</summary>
    public NegotiateAuthentication? Context { get; private set; }

    /// <summary>The scheme word of the handshake.</summary>
    public string? Scheme { get; private set; }

    /// <summary>TCP connections opened so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The HTTP statuses of every handshake leg.</summary>
    public List<HttpStatusCode> Legs { get; } = [];

    /// <summary>
    /// Runs the handshake with empty POSTs (as pywinrm's setup_encryption does) and returns the last
    /// reply: 200 when the server accepted, 401 with the challenge list when it did not.
    /// </summary>
    public async Task<SessionReply> AuthenticateAsync(string word, string package, NetworkCredential credential, string targetName = "HTTP/localhost", bool seal = true)
    {
        Context?.Dispose();
        Scheme = word;
        Context = new NegotiateAuthentication(new NegotiateAuthenticationClientOptions
        {
            Package = package,
            Credential = credential,
            TargetName = targetName,
            RequiredProtectionLevel = seal ? ProtectionLevel.EncryptAndSign : ProtectionLevel.None,
        });
        var token = Context.GetOutgoingBlob(ReadOnlySpan<byte>.Empty, out var status);
        for (var leg = 0; leg < 8; leg++)
        {
            if (token is null)
            {
                throw new InvalidOperationException($"The client context gave no token ({status}).");
            }

            var reply = await SendAsync([], "application/soap+xml;charset=UTF-8", word + " " + Convert.ToBase64String(token));
            Legs.Add(reply.Status);
            var serverToken = reply.Challenges.Select(c => c.Split(' ', 2)).Where(p => p.Length == 2 && p[0].Equals(word, StringComparison.OrdinalIgnoreCase)).Select(p => Convert.FromBase64String(p[1])).FirstOrDefault();
            if (reply.Status == HttpStatusCode.OK)
            {
                if (serverToken is not null)
                {
                    // The server's final token completes mutual authentication (SPNEGO mechListMIC, Kerberos AP-REP).
                    Context.GetOutgoingBlob(serverToken, out status);
                    if (status != NegotiateAuthenticationStatusCode.Completed)
                    {
                        throw new InvalidOperationException($"The server's final token did not complete the client context ({status}).");
                    }
                }

                return reply;
            }

            if (reply.Status != HttpStatusCode.Unauthorized || serverToken is null)
            {
                return reply;
            }

            token = Context.GetOutgoingBlob(serverToken, out status);
        }

        throw new InvalidOperationException("The handshake did not end.");
    }

    /// <summary>POSTs a plaintext envelope on the connection (no Authorization header).</summary>
    public Task<SessionReply> PostPlainAsync(string envelope) =>
        SendAsync(Encoding.UTF8.GetBytes(envelope), "application/soap+xml;charset=UTF-8", null);

    /// <summary>POSTs an envelope sealed with the context, framed as WinRM frames it, and opens the answer.</summary>
    public Task<SessionReply> PostEncryptedAsync(string envelope, string protocol = SessionFraming.SpnegoProtocol)
    {
        var plaintext = Encoding.UTF8.GetBytes(envelope);
        var (signature, sealedBytes) = Seal(plaintext);
        return SendAsync(SessionFraming.Write(protocol, signature, sealedBytes), SessionFraming.ContentType(protocol), null);
    }

    /// <summary>Seals a message: the signature (Windows' layout for Kerberos) and the sealed bytes.</summary>
    public (byte[] Signature, byte[] Sealed) Seal(byte[] plaintext)
    {
        var output = new ArrayBufferWriter<byte>();
        var status = Context!.Wrap(plaintext, output, requestEncryption: true, out var encrypted);
        if (status != NegotiateAuthenticationStatusCode.Completed || !encrypted)
        {
            throw new InvalidOperationException($"Wrap failed ({status}, encrypted {encrypted}).");
        }

        var token = output.WrittenSpan.ToArray();
        var signatureLength = token.Length - plaintext.Length;
        if (Context.Package == "Kerberos" && token[0] == 0x05 && token[1] == 0x04)
        {
            // RFC 4121 wrap token from MIT (RRC 0): rotate the ciphertext right by everything after the
            // data (encrypted header copy + checksum), as SSPI does, and record that in RRC.
            var rotation = signatureLength - 32;
            var cipher = token.AsSpan(16);
            var rotated = new byte[cipher.Length];
            cipher[^rotation..].CopyTo(rotated);
            cipher[..^rotation].CopyTo(rotated.AsSpan(rotation));
            rotated.CopyTo(cipher);
            BinaryPrimitives.WriteUInt16BigEndian(token.AsSpan(6), (ushort)rotation);
        }

        return (token[..signatureLength], token[signatureLength..]);
    }

    /// <summary>Sends any body with any content type on the connection.</summary>
    public async Task<SessionReply> SendAsync(byte[] body, string contentType, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _http.SendAsync(request);
        var raw = await response.Content.ReadAsByteArrayAsync();
        var type = response.Content.Headers.ContentType?.ToString();
        var challenges = response.Headers.WwwAuthenticate.Select(h => h.ToString()).ToList();
        var close = response.Headers.ConnectionClose == true;
        if (type is not null && type.StartsWith("multipart/encrypted", StringComparison.OrdinalIgnoreCase))
        {
            var (length, signature, sealedBytes) = SessionFraming.Read(raw);
            var plaintext = new ArrayBufferWriter<byte>();
            var token = signature.Concat(sealedBytes).ToArray();
            var status = Context!.Unwrap(token, plaintext, out var wasEncrypted);
            if (status != NegotiateAuthenticationStatusCode.Completed || !wasEncrypted || plaintext.WrittenCount != length)
            {
                throw new InvalidOperationException($"The response could not be unwrapped ({status}, encrypted {wasEncrypted}, {plaintext.WrittenCount} of {length} bytes).");
            }

            return new SessionReply(response.StatusCode, type, challenges, raw, plaintext.WrittenSpan.ToArray(), true, signature, close);
        }

        return new SessionReply(response.StatusCode, type, challenges, raw, raw, false, [], close);
    }

    public void Dispose()
    {
        _http.Dispose();
        Context?.Dispose();
    }
}
