using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>Reads the certificates of a private CA from a file: PEM (one or more CERTIFICATE blocks) or a single DER certificate.</summary>
public static class CACertificateFile
{
    /// <summary>Loads the file's certificates.</summary>
    /// <exception cref="CACertificateFileException">The file cannot be read or holds no certificate.</exception>
    public static X509Certificate2Collection Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CACertificateFileException($"Cannot read the CA certificate file '{path}': {e.Message} Check the path and its permissions.", path, e);
        }
        var certificates = new X509Certificate2Collection();
        try
        {
            var text = System.Text.Encoding.ASCII.GetString(bytes);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                certificates.ImportFromPem(text);
            }
            else
            {
                certificates.Add(new X509Certificate2(bytes));
            }
        }
        catch (CryptographicException e)
        {
            throw new CACertificateFileException(
                $"The CA certificate file '{path}' holds no readable certificate ({e.Message}). Export the CA's certificate as PEM (Base-64) or DER, without its private key.", path, e);
        }
        if (certificates.Count == 0)
        {
            throw new CACertificateFileException(
                $"The CA certificate file '{path}' holds no certificate. Export the CA's certificate as PEM (Base-64) or DER.", path, null);
        }
        return certificates;
    }
}
