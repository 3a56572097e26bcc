using System.Management.Automation;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.DomainXml;

namespace HyperVLibvirt.Commands;

/// <summary>The error of a domain whose settings could not be turned into its XML (Get-HvDomainXml, Get-HvDomainBlockInfo).</summary>
internal static class DomainXmlUnavailable
{
    /// <summary>A non-terminating error for <paramref name="domain"/>; the other domains are read on.</summary>
    public static StreamNotice For(DomainXmlException error, HvDomain domain)
    {
        var record = ErrorRecords.From(error, domain);
        record.ErrorDetails = new ErrorDetails(error.Message)
        {
            RecommendedAction = "Read the VM's settings on the host (Get-VM, Get-VMHardDiskDrive, Get-VMNetworkAdapter); a device that was being changed may read correctly a moment later.",
        };
        return StreamNotice.Error(record);
    }
}
