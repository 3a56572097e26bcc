using System.Text;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.Management;

/// <summary>
/// Which DestinationUnreachable faults mean that a method's reference resolves to nothing: the faults are shaped as the Windows
/// Server 2012 R2 capture of a Get of a missing instance (nested WSManFault, ProviderFault, __ExtendedStatus), with the operation varied.
/// </summary>
public sealed class MissingReferenceFaultTests
{
    private static WsManFault Fault(string subcode, string code, string? extendedOperation)
    {
        var extended = extendedOperation is null ? string.Empty :
            "<f:ExtendedError><p:__ExtendedStatus xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" " +
            "xmlns:p=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/__ExtendedStatus\" xmlns:cim=\"http://schemas.dmtf.org/wbem/wscim/1/common\" xsi:type=\"p:__ExtendedStatus_Type\">" +
            "<p:Description xsi:nil=\"true\" xsi:type=\"cim:cimString\"/>" +
            $"<p:Operation xsi:type=\"cim:cimString\">{extendedOperation}</p:Operation>" +
            "<p:ParameterInfo xsi:type=\"cim:cimString\">Msvm_VirtualSystemSnapshotService.CreationClassName=&quot;Msvm_VirtualSystemSnapshotService&quot;</p:ParameterInfo>" +
            "<p:ProviderName xsi:type=\"cim:cimString\">WinMgmt</p:ProviderName><p:StatusCode xsi:nil=\"true\" xsi:type=\"cim:cimUnsignedInt\"/></p:__ExtendedStatus></f:ExtendedError>";
        var xml =
            "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" " +
            "xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header><a:Action>http://schemas.xmlsoap.org/ws/2004/08/addressing/fault</a:Action></s:Header>" +
            $"<s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>{subcode}</s:Value></s:Subcode></s:Code>" +
            "<s:Reason><s:Text xml:lang=\"en-US\">The WS-Management service cannot process the request. The service cannot find the resource identified by the resource URI and selectors. </s:Text></s:Reason>" +
            "<s:Detail><w:FaultDetail>http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/InvalidResourceURI</w:FaultDetail>" +
            $"<f:WSManFault xmlns:f=\"http://schemas.microsoft.com/wbem/wsman/1/wsmanfault\" Code=\"{code}\" Machine=\"hv01.example.test\"><f:Message>" +
            "<f:ProviderFault provider=\"WMI Provider\" path=\"%systemroot%\\system32\\WsmWmiPl.dll\">" +
            $"<f:WSManFault xmlns:f=\"http://schemas.microsoft.com/wbem/wsman/1/wsmanfault\" Code=\"{code}\" Machine=\"hv01.example.test\"><f:Message>The WS-Management service cannot process the request. </f:Message></f:WSManFault>" +
            extended + "</f:ProviderFault></f:Message></f:WSManFault></s:Detail></s:Fault></s:Body></s:Envelope>";
        return SharedFixtures.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml))).Fault!;
    }

    [Fact]
    public void Not_found_from_inside_the_method_is_a_missing_reference()
    {
        Assert.True(MissingReferenceFault.Matches(Fault("a:DestinationUnreachable", "2150858752", "ExecMethod")));
    }

    [Theory]
    [InlineData("GetObject")]
    [InlineData("ExecQuery")]
    public void Not_found_while_looking_for_the_target_is_not(string operation)
    {
        Assert.False(MissingReferenceFault.Matches(Fault("a:DestinationUnreachable", "2150858752", operation)));
    }

    [Fact]
    public void Not_found_without_the_providers_status_is_not()
    {
        // A resource URI WinRM routes to no plug-in: DestinationUnreachable with no __ExtendedStatus.
        Assert.False(MissingReferenceFault.Matches(Fault("a:DestinationUnreachable", "2150858752", null)));
    }

    [Fact]
    public void Another_fault_from_inside_the_method_is_not()
    {
        Assert.False(MissingReferenceFault.Matches(Fault("w:InvalidParameter", "87", "ExecMethod")));
    }
}
