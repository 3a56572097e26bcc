using System.Globalization;
using System.Xml;

namespace HyperVLibvirt.Simulator.Wire;

/// <summary>The effective per-request limits taken from the headers.</summary>
internal readonly record struct RequestLimits(int MaxEnvelopeBytes, TimeSpan OperationTimeout);

/// <summary>The header checks WinRM makes before it carries out a request, and their faults.</summary>
internal static class RequestHeaders
{
    /// <summary>WinRM's MaxTimeoutms.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Checks the addressing and WS-Management headers (WS-Addressing Action, MessageID and
    /// ReplyTo; DSP0226 OperationTimeout, MaxEnvelopeSize, Locale) as WinRM does, and returns the
    /// limits the request asks for, capped by the service's.
    /// </summary>
    public static RequestLimits Validate(SoapRequest request, int maxEnvelopeSizeKb)
    {
        if (string.IsNullOrEmpty(request.Action))
        {
            throw new WsManFaultException(WsManFaults.MessageInformationHeaderRequired("Action"));
        }

        if (string.IsNullOrEmpty(request.MessageId) || request.MessageId.Length > 2048)
        {
            throw new WsManFaultException(WsManFaults.InvalidMessageInformationHeader("The WS-Management service cannot process the request. The MessageID header is missing, empty or too long. "));
        }

        if (!request.HasReplyTo)
        {
            throw new WsManFaultException(WsManFaults.MessageInformationHeaderRequired("ReplyTo"));
        }

        if (!string.Equals(request.ReplyToAddress, WsManNamespaces.AnonymousRole, StringComparison.Ordinal))
        {
            throw new WsManFaultException(WsManFaults.UnsupportedFeature("AddressingMode"));
        }

        var timeout = MaxTimeout;
        if (request.OperationTimeout is { } timeoutText)
        {
            TimeSpan parsed;
            try
            {
                parsed = XmlConvert.ToTimeSpan(timeoutText);
            }
            catch (FormatException)
            {
                parsed = TimeSpan.MinValue;
            }

            if (parsed <= TimeSpan.Zero)
            {
                throw new WsManFaultException(WsManFaults.InvalidMessageInformationHeader(
                    "The WS-Management service cannot process the request. The XML contains an invalid timeout field in the SOAP header: " + timeoutText + ". "));
            }

            timeout = parsed < MaxTimeout ? parsed : MaxTimeout;
        }

        var configured = maxEnvelopeSizeKb * 1024;
        var envelope = configured;
        if (request.MaxEnvelopeSize is { } sizeText)
        {
            if (!long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                throw new WsManFaultException(WsManFaults.InvalidMessageInformationHeader(
                    "The WS-Management service cannot process the request. The MaxEnvelopeSize header is not valid: " + sizeText + ". "));
            }

            if (size < 8192)
            {
                throw new WsManFaultException(WsManFaults.EncodingLimit(responseTooLarge: false));
            }

            envelope = (int)Math.Min(size, configured);
        }

        if (request.LocaleMustUnderstand)
        {
            throw new WsManFaultException(WsManFaults.UnsupportedFeature("Locale"));
        }

        if (request.DataLocaleMustUnderstand)
        {
            throw new WsManFaultException(WsManFaults.UnsupportedFeature("DataLocale"));
        }

        if (string.IsNullOrEmpty(request.ResourceUri))
        {
            throw new WsManFaultException(WsManFaults.UnknownResourceUri());
        }

        return new RequestLimits(envelope, timeout);
    }
}
