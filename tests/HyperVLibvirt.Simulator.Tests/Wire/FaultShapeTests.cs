using System.Text;
using System.Xml.Linq;
using HyperVLibvirt.Simulator.Wire;

namespace HyperVLibvirt.Simulator.Tests.Wire;

/// <summary>The fault and Identify envelopes match the real captures element for element.</summary>
public sealed class FaultShapeTests
{
    private static readonly XNamespace MsWsMan = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";

    private static XElement WriteFault(WsManFault fault, bool legacy = false)
    {
        using var writer = new Utf8XmlWriter();
        FaultWriter.Write(writer, fault, "en-US", "uuid:6292D774-84D1-4421-8A5E-0EE2EA3831DA", "127.0.0.1", "HV-SIM01", legacy);
        var text = Encoding.UTF8.GetString(writer.WrittenSpan);
        Assert.DoesNotContain("<?xml", text);
        return XElement.Parse(text);
    }

    private static void AssertMatches(string fixture, WsManFault fault, bool legacy = false, bool ignoreRelatesTo = false)
    {
        var expected = XmlShape.Load(File.ReadAllText(SharedFiles.WsManFixture(fixture)));
        var actual = WriteFault(fault, legacy);
        XmlShape.AssertSameShape(expected, actual, e => e.Name == MsWsMan + "ActivityId" || (ignoreRelatesTo && e.Name == WsManResponse.A + "RelatesTo"));
        Assert.Equal(expected.Descendants(WsManResponse.S + "Subcode").First().Value.Trim(), actual.Descendants(WsManResponse.S + "Subcode").First().Value);
        Assert.Equal(expected.Descendants(WsManResponse.A + "Action").First().Value.Trim(), actual.Descendants(WsManResponse.A + "Action").First().Value);
        var expectedCode = (string?)expected.Descendants(WsManResponse.F + "WSManFault").FirstOrDefault()?.Attribute("Code");
        Assert.Equal(expectedCode, (string?)actual.Descendants(WsManResponse.F + "WSManFault").FirstOrDefault()?.Attribute("Code"));
    }

    [SharedFact]
    public void InvalidSelectors_matches_capture() =>
        AssertMatches("fault_w_invalidselectors_unexpectedselectors.xml", WsManFaults.InvalidSelectors("UnexpectedSelectors"));

    [SharedFact]
    public void InvalidMessageInformationHeader_matches_capture() =>
        AssertMatches("fault_a_invalidmessageinformationheader_bad_operationtimeout.xml",
            WsManFaults.InvalidMessageInformationHeader("The WS-Management service cannot process the request. The XML contains an invalid timeout field in the SOAP header: PT-1S. "));

    [SharedFact]
    public void TimedOut_matches_capture() => AssertMatches("fault_w_timedout_operationtimeout.xml", WsManFaults.TimedOut());

    [SharedFact]
    public void InternalError_quota_matches_capture() =>
        AssertMatches("fault_w_internalerror_max_concurrent_operations_per_user_prettyprinted.xml", WsManFaults.MaxConcurrentOperationsPerUser(15));

    [SharedFact]
    public void InvalidParameter_matches_capture() =>
        AssertMatches("fault_w_invalidparameter_invalidvalue.xml", WsManFaults.InvalidParameter("The parameter is incorrect. "));

    [SharedFact]
    public void DestinationUnreachable_matches_capture() =>
        AssertMatches("fault_a_destinationunreachable_invalidresourceuri_extendedstatus_ws2012r2.xml",
            WsManFaults.DestinationUnreachable("GetObject", "Win32_Process.Handle=\"29\"", "CIMWin32"));

    [SharedFact]
    public void CannotProcessFilter_matches_2008r2_capture() =>
        AssertMatches("fault_n_cannotprocessfilter_class_not_found_extendedstatus_ws2008r2.xml",
            WsManFaults.CannotProcessFilter("The specified class does not exist in the given namespace. ", "Select * from Win32_Processa"), legacy: true);

    [SharedFact]
    public void WmiError_detail_matches_capture() =>
        AssertMatches("fault_w_quotalimit_msft_wmierror_detail.xml", WsManFaults.QuotaLimitWithWmiError(), ignoreRelatesTo: true);

    [SharedTheory]
    [InlineData("identify_response_unauthenticated_stack3_ws2012r2.xml", false)]
    [InlineData("identify_response_authenticated_basic_ws2012r2.xml", true)]
    public void Identify_matches_capture(string fixture, bool authenticated)
    {
        using var writer = new Utf8XmlWriter();
        EnvelopeWriter.WriteIdentify(writer, authenticated ? "en-US" : null,
            authenticated ? "OS: 6.3.9600 SP: 0.0 Stack: 3.0" : "OS: 0.0.0 SP: 0.0 Stack: 3.0",
            authenticated ? ["http/basic", "http/spnego-kerberos"] : null);
        var text = Encoding.UTF8.GetString(writer.WrittenSpan);
        var expectedText = File.ReadAllText(SharedFiles.WsManFixture(fixture));
        // Identify is short and fixed: it must match the capture byte for byte.
        Assert.Equal(expectedText.Trim(), text);
    }
}
