using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Tests.HyperV;

public class EnabledStateMappingTests
{
    // Spec §5 rows, plus our documented additions 4, 6, 9, 10 and the managed-save flag on 32769.
    [Theory]
    [InlineData(0, HvDomainState.NoState, false, false, false, "Unknown")]
    [InlineData(2, HvDomainState.Running, true, false, false, "Running")]
    [InlineData(3, HvDomainState.Shutoff, false, false, false, "Off")]
    [InlineData(4, HvDomainState.Shutdown, true, true, false, "ShuttingDown")]
    [InlineData(6, HvDomainState.Shutoff, false, false, true, "Saved")]
    [InlineData(9, HvDomainState.Paused, true, false, false, "Paused")]
    [InlineData(10, HvDomainState.Running, true, true, false, "Starting")]
    [InlineData(32768, HvDomainState.Paused, true, false, false, "Paused")]
    [InlineData(32769, HvDomainState.Shutoff, false, false, true, "Saved")]
    [InlineData(32770, HvDomainState.Running, true, true, false, "Starting")]
    [InlineData(32771, HvDomainState.Running, true, true, false, "Snapshotting")]
    [InlineData(32773, HvDomainState.Running, true, true, false, "Saving")]
    [InlineData(32774, HvDomainState.Shutdown, true, true, false, "Stopping")]
    [InlineData(32776, HvDomainState.Running, true, true, false, "Pausing")]
    [InlineData(32777, HvDomainState.Running, true, true, false, "Resuming")]
    [InlineData(32779, HvDomainState.NoState, false, false, false, "FastSaved")]
    [InlineData(1, HvDomainState.NoState, false, false, false, "Other(1)")]
    [InlineData(5, HvDomainState.NoState, false, false, false, "Other(5)")]
    [InlineData(11, HvDomainState.NoState, false, false, false, "Other(11)")]
    [InlineData(32772, HvDomainState.NoState, false, false, false, "Other(32772)")]
    [InlineData(65535, HvDomainState.NoState, false, false, false, "Other(65535)")]
    public void Maps_enabled_state(ushort enabledState, HvDomainState state, bool active, bool transition, bool managedSave, string name)
    {
        var mapped = EnabledStateMapping.Map(enabledState);

        Assert.Equal(new MappedState(state, active, transition, managedSave), mapped);
        Assert.Equal(name, EnabledStateMapping.HyperVStateName(enabledState));
    }

    [Fact]
    public void Mapped_state_deconstructs()
    {
        var (state, active, transition, managedSave) = EnabledStateMapping.Map(9);

        Assert.Equal((HvDomainState.Paused, true, false, false), (state, active, transition, managedSave));
    }

    [Fact]
    public void Domain_state_numbers_are_libvirts()
    {
        Assert.Equal(
            new[] { 0, 1, 2, 3, 4, 5, 6, 7 },
            new[]
            {
                HvDomainState.NoState, HvDomainState.Running, HvDomainState.Blocked, HvDomainState.Paused,
                HvDomainState.Shutdown, HvDomainState.Shutoff, HvDomainState.Crashed, HvDomainState.PMSuspended,
            }.Select(s => (int)s));
    }

    [Fact]
    public void Active_states_are_exactly_the_active_rows()
    {
        Assert.Equal(
            new ushort[] { 2, 4, 9, 10, 32768, 32770, 32771, 32773, 32774, 32776, 32777 },
            EnabledStateMapping.ActiveStates);
    }

    [Fact]
    public void Every_value_in_transition_is_active()
    {
        for (var value = 0; value <= ushort.MaxValue; value++)
        {
            var mapped = EnabledStateMapping.Map((ushort)value);
            Assert.True(!mapped.InTransition || mapped.IsActive);
            Assert.True(!mapped.HasManagedSave || !mapped.IsActive);
        }
    }
}
