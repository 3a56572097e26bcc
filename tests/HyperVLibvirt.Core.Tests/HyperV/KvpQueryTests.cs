using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Tests.HyperV;

public class KvpQueryTests
{
    private static readonly Guid VmA = Guid.Parse("5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51");
    private static readonly Guid VmB = Guid.Parse("7d0f3b2e-1a9c-4e8b-8f7d-6c5b4a392817");

    [Fact]
    public void Names_a_few_vms_by_their_lower_case_guid_in_one_query()
    {
        Assert.Equal(
            "SELECT SystemName, GuestIntrinsicExchangeItems FROM Msvm_KvpExchangeComponent WHERE SystemName = '5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51' OR SystemName = '7d0f3b2e-1a9c-4e8b-8f7d-6c5b4a392817'",
            KvpQuery.For([VmA, VmB]));
    }

    [Fact]
    public void Asks_for_the_whole_class_when_many_vms_are_wanted()
    {
        var many = Enumerable.Range(0, KvpQuery.MaxSystemsPerQuery + 1).Select(_ => Guid.NewGuid()).ToArray();

        Assert.Equal("SELECT SystemName, GuestIntrinsicExchangeItems FROM Msvm_KvpExchangeComponent", KvpQuery.For(many));
    }

    [Fact]
    public void Refuses_an_empty_list_for_the_named_form()
    {
        Assert.Throws<ArgumentException>(() => KvpQuery.ForSystems([]));
    }
}
