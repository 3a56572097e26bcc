using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Tests.HyperV;

public class ReturnCodesAndJobsTests
{
    // Spec §7 table.
    [Theory]
    [InlineData(0u, "Completed with no error")]
    [InlineData(1u, "Not supported")]
    [InlineData(2u, "Unknown error")]
    [InlineData(3u, "Cannot complete within timeout period")]
    [InlineData(4u, "Failed")]
    [InlineData(5u, "Invalid parameter")]
    [InlineData(6u, "In use")]
    [InlineData(4096u, "Transition started")]
    [InlineData(4097u, "Invalid state transition")]
    [InlineData(4098u, "Timeout parameter not supported")]
    [InlineData(4099u, "Busy")]
    [InlineData(32768u, "Failed")]
    [InlineData(32769u, "Access denied")]
    [InlineData(32770u, "Not supported")]
    [InlineData(32771u, "Status is unknown")]
    [InlineData(32772u, "Timeout")]
    [InlineData(32773u, "Invalid parameter")]
    [InlineData(32774u, "System is in use")]
    [InlineData(32775u, "Invalid state for this operation")]
    [InlineData(32776u, "Incorrect data type")]
    [InlineData(32777u, "System is not available")]
    [InlineData(32778u, "Out of memory")]
    [InlineData(7u, "Unknown return code")]
    [InlineData(32779u, "Unknown return code")]
    [InlineData(uint.MaxValue, "Unknown return code")]
    public void Return_code_texts_are_libvirts(uint code, string text)
    {
        Assert.Equal(text, ReturnCodes.ToText(code));
    }

    [Theory]
    [InlineData(2, true, false, false, "New")]
    [InlineData(3, true, false, false, "Starting")]
    [InlineData(4, true, false, false, "Running")]
    [InlineData(5, false, false, false, "Suspended")]
    [InlineData(6, true, false, false, "ShuttingDown")]
    [InlineData(7, false, true, false, "Completed")]
    [InlineData(8, false, false, true, "Terminated")]
    [InlineData(9, false, false, true, "Killed")]
    [InlineData(10, false, false, true, "Exception")]
    [InlineData(11, false, false, true, "Service")]
    [InlineData(12, false, false, false, "Other(12)")]
    [InlineData(0, false, false, false, "Other(0)")]
    public void Job_states_follow_libvirts_polling(ushort state, bool running, bool completed, bool error, string name)
    {
        Assert.Equal(running, JobStates.IsRunning(state));
        Assert.Equal(completed, JobStates.IsCompleted(state));
        Assert.Equal(error, JobStates.IsError(state));
        Assert.Equal(name, JobStates.Name(state));
    }

    [Fact]
    public void Requested_states_are_microsofts_numbers()
    {
        Assert.Equal(
            new ushort[] { 2, 3, 6, 9, 10, 11, 32768, 32769 },
            new[]
            {
                RequestedStates.Enabled, RequestedStates.Disabled, RequestedStates.Offline, RequestedStates.Quiesce,
                RequestedStates.Reboot, RequestedStates.Reset, RequestedStates.Paused, RequestedStates.Suspended,
            });
    }

    [Fact]
    public void Resource_uris_match_the_recorded_requests()
    {
        Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/*", WmiNamespace.AllClassesUri(WmiNamespace.V2));
        Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/*", WmiNamespace.AllClassesUri(WmiNamespace.CimV2));
        Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/*", WmiNamespace.AllClassesUri(WmiNamespace.V1));
        Assert.Equal(
            "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem",
            WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_ComputerSystem"));
        Assert.Equal(
            "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/Win32_OperatingSystem",
            WmiNamespace.ClassUri("Win32_OperatingSystem"));
        Assert.Equal(
            "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ConcreteJob",
            WmiNamespace.ClassUri("Msvm_ConcreteJob"));
        Assert.Equal(
            "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/*",
            WmiNamespace.AllClassesUri("root\\virtualization\\v2"));
    }
}
