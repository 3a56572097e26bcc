using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.Lifecycle;

/// <summary>The operation table: requested states on v1 and v2, and libvirt's preconditions for every EnabledState.</summary>
public sealed class DomainStateChangeTests
{
    // Every EnabledState the mapping knows, plus one it does not (32779 FastSaved).
    private static readonly ushort[] AllStates = [0, 2, 3, 4, 6, 9, 10, 32768, 32769, 32770, 32771, 32773, 32774, 32776, 32777, 32779];

    // Where each operation may go ahead; anywhere else it is refused with the given reason.
    private static readonly Dictionary<DomainOperation, (ushort[] Allowed, LifecycleFailure Refusal)> Table = new()
    {
        [DomainOperation.Start] = ([0, 3, 6, 32769, 32779], LifecycleFailure.DomainAlreadyActive),
        [DomainOperation.Suspend] = ([2], LifecycleFailure.DomainNotRunning),
        [DomainOperation.Reboot] = ([2], LifecycleFailure.DomainNotRunning),
        [DomainOperation.Reset] = ([2], LifecycleFailure.DomainNotRunning),
        [DomainOperation.Shutdown] = ([2], LifecycleFailure.DomainNotRunning),
        [DomainOperation.TurnOff] = ([2, 9, 32768], LifecycleFailure.DomainNotActive),
        [DomainOperation.Save] = ([2, 9, 32768], LifecycleFailure.DomainNotActive),
        [DomainOperation.Resume] = ([9, 32768], LifecycleFailure.DomainNotPaused),
        [DomainOperation.RemoveManagedSave] = ([6, 32769], LifecycleFailure.NoManagedSave),
        // Reverting needs the domain off or saved, as starting does; snapshots are taken and deleted in any state (the host decides).
        [DomainOperation.RevertSnapshot] = ([0, 3, 6, 32769, 32779], LifecycleFailure.DomainAlreadyActive),
        [DomainOperation.CreateSnapshot] = (AllStates, default),
        [DomainOperation.DeleteSnapshot] = (AllStates, default),
        [DomainOperation.DeleteSnapshotTree] = (AllStates, default),
        // Not state changes: the management services check the state themselves.
        [DomainOperation.Configure] = (AllStates, LifecycleFailure.DomainNotActive),
        [DomainOperation.Undefine] = (AllStates, LifecycleFailure.DomainNotActive),
        [DomainOperation.Define] = (AllStates, LifecycleFailure.DomainNotActive),
    };

    public static TheoryData<DomainOperation, ushort> EveryOperationAndState()
    {
        var data = new TheoryData<DomainOperation, ushort>();
        foreach (var operation in Enum.GetValues<DomainOperation>())
        {
            foreach (var state in AllStates)
            {
                data.Add(operation, state);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryOperationAndState))]
    public void Precondition_allows_or_refuses_as_libvirt(DomainOperation operation, ushort enabledState)
    {
        var (allowed, refusal) = Table[operation];
        var result = DomainStateChange.Check(operation, Record(enabledState));
        Assert.Equal(allowed.Contains(enabledState) ? null : refusal, result);
    }

    [Fact]
    public void Every_operation_has_a_row_in_the_table() =>
        Assert.Equal(Enum.GetValues<DomainOperation>().Length, Table.Count);

    [Theory]
    [InlineData(DomainOperation.Start, WmiApi.V2, 2)]
    [InlineData(DomainOperation.Start, WmiApi.V1, 2)]
    [InlineData(DomainOperation.Resume, WmiApi.V2, 2)]
    [InlineData(DomainOperation.Resume, WmiApi.V1, 2)]
    [InlineData(DomainOperation.TurnOff, WmiApi.V2, 3)]
    [InlineData(DomainOperation.TurnOff, WmiApi.V1, 3)]
    [InlineData(DomainOperation.RemoveManagedSave, WmiApi.V2, 3)]
    [InlineData(DomainOperation.RemoveManagedSave, WmiApi.V1, 3)]
    [InlineData(DomainOperation.Save, WmiApi.V2, 6)]
    [InlineData(DomainOperation.Save, WmiApi.V1, 32769)]
    [InlineData(DomainOperation.Suspend, WmiApi.V2, 9)]
    [InlineData(DomainOperation.Suspend, WmiApi.V1, 32768)]
    [InlineData(DomainOperation.Reboot, WmiApi.V2, 10)]
    [InlineData(DomainOperation.Reboot, WmiApi.V1, 10)]
    [InlineData(DomainOperation.Reset, WmiApi.V2, 11)]
    [InlineData(DomainOperation.Reset, WmiApi.V1, 11)]
    public void Requested_state_is_libvirts(DomainOperation operation, WmiApi api, int expected) =>
        Assert.Equal((ushort)expected, DomainStateChange.RequestedState(operation, api));

    [Theory]
    [InlineData(WmiApi.V2)]
    [InlineData(WmiApi.V1)]
    public void Shutdown_is_no_state_change_request(WmiApi api)
    {
        Assert.Null(DomainStateChange.RequestedState(DomainOperation.Shutdown, api));
        Assert.Equal("InitiateShutdown", DomainStateChange.MethodName(DomainOperation.Shutdown));
        Assert.Equal("RequestStateChange", DomainStateChange.MethodName(DomainOperation.TurnOff));
    }

    [Theory]
    [InlineData(DomainOperation.Start, LifecycleFailure.DomainAlreadyActive, "Domain is already active or is in state transition")]
    [InlineData(DomainOperation.Suspend, LifecycleFailure.DomainNotRunning, "Domain is not active")]
    [InlineData(DomainOperation.Reboot, LifecycleFailure.DomainNotRunning, "Domain is not active")]
    [InlineData(DomainOperation.Shutdown, LifecycleFailure.DomainNotRunning, "Domain is not active or in state transition")]
    [InlineData(DomainOperation.TurnOff, LifecycleFailure.DomainNotActive, "Domain is not active or is in state transition")]
    [InlineData(DomainOperation.Save, LifecycleFailure.DomainNotActive, "Domain is not active or is in state transition")]
    [InlineData(DomainOperation.Resume, LifecycleFailure.DomainNotPaused, "Domain is not paused")]
    [InlineData(DomainOperation.RemoveManagedSave, LifecycleFailure.NoManagedSave, "Domain has no managed save image")]
    public void Refusals_carry_libvirts_text(DomainOperation operation, LifecycleFailure failure, string text) =>
        Assert.Equal(text, DomainStateChange.LibvirtText(operation, failure));

    internal static DomainRecord Record(ushort enabledState) => DomainRecord.FromComputerSystem(new CimObject("Msvm_ComputerSystem", null,
    [
        new CimProperty("Name", CimValue.FromText("6fa34e5b-a584-4f4a-ba0e-a09ce3c1176c")),
        new CimProperty("ElementName", CimValue.FromText("vm-test")),
        new CimProperty("EnabledState", CimValue.FromText(enabledState.ToString(System.Globalization.CultureInfo.InvariantCulture))),
    ]));
}
