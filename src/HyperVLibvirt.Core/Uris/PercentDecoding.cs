using System.Text;

namespace HyperVLibvirt.Core.Uris;

/// <summary>RFC 3986 percent-decoding into UTF-8 text, strict about malformed escapes.</summary>
internal static class PercentDecoding
{
    /// <summary>Decodes <paramref name="text"/>; false when an escape is malformed or the bytes are not UTF-8.</summary>
    public static bool TryDecode(string text, out string decoded)
    {
        if (text.IndexOf('%') < 0)
        {
            decoded = text;
            return true;
        }

        // Collect bytes first: one character may span several escapes (UTF-8).
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '%')
            {
                // Keep surrogate pairs together so characters outside the BMP survive.
                var length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, length)));
                i += length - 1;
                continue;
            }
            if (i + 2 >= text.Length || !IsHex(text[i + 1]) || !IsHex(text[i + 2]))
            {
                decoded = string.Empty;
                return false;
            }
            bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
            i += 2;
        }

        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            decoded = string.Empty;
            return false;
        }
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };
}
