using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Networks;

namespace HyperVLibvirt.Core.Tests.Networks;

public sealed class NetworkQueryTests
{
    [Fact]
    public void Listing_asks_for_healthy_switches_as_libvirt_does()
    {
        Assert.Equal("SELECT * FROM Msvm_VirtualEthernetSwitch WHERE HealthState = 5", new NetworkFilter().ToWql());
        Assert.Equal(NetworkQuery.Healthy, new NetworkFilter { ExactNames = ["a"], NameMatch = _ => true }.ToWql());
    }

    [Fact]
    public void Exact_names_and_uuids_are_one_query_with_escaped_values()
    {
        Assert.Equal("SELECT * FROM Msvm_VirtualEthernetSwitch WHERE ElementName = 'Default Switch' OR ElementName = 'Bob\\'s'",
            new NetworkFilter { ExactNames = ["Default Switch", "Bob's"] }.ToWql());
        var uuid = Guid.Parse("C08CB7B8-9B3C-408E-8E30-5E16A3AEB444");
        Assert.Equal("SELECT * FROM Msvm_VirtualEthernetSwitch WHERE Name = 'c08cb7b8-9b3c-408e-8e30-5e16a3aeb444'",
            new NetworkFilter { Uuids = [uuid], ExactNames = ["ignored"] }.ToWql());
        Assert.Throws<ArgumentException>(() => NetworkQuery.ByNames([]));
    }

    [Fact]
    public void Filter_matches_wildcards_here_and_passes_everything_otherwise()
    {
        var network = new HvNetwork("External", Guid.NewGuid(), "X", 5, Guid.NewGuid(), "h");
        Assert.True(new NetworkFilter().Matches(network));
        Assert.True(new NetworkFilter { NameMatch = n => n.StartsWith('E') }.Matches(network));
        Assert.False(new NetworkFilter { NameMatch = n => n.StartsWith('I') }.Matches(network));
    }
}
