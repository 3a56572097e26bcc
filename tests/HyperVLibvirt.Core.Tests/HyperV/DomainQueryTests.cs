using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Tests.HyperV;

public class DomainQueryTests
{
    private static readonly Guid RunningVm = Guid.Parse("5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51");
    private static readonly Guid OffVm = Guid.Parse("7d0f3b2e-1a9c-4e8b-8f7d-6c5b4a392817");

    // Exact texts from fixtures/libvirt-client/*/index.tsv, without libvirt's trailing space.
    [Fact]
    public void All_domains_matches_libvirt_list_all()
    {
        Assert.Equal("SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER", DomainQuery.AllDomains);
        Assert.Equal(DomainQuery.AllDomains, DomainQuery.All());
    }

    [Fact]
    public void By_uuid_matches_libvirt_and_is_lower_case()
    {
        Assert.Equal(
            "SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER AND Name = '5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51'",
            DomainQuery.ByUuid(RunningVm));
    }

    [Fact]
    public void By_name_matches_libvirt()
    {
        Assert.Equal(
            "SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER AND ElementName = 'vm-running'",
            DomainQuery.ByName("vm-running"));
    }

    [Fact]
    public void By_process_id()
    {
        Assert.Equal("SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER AND ProcessID = 9624", DomainQuery.ByProcessId(9624));
    }

    [Theory]
    [InlineData("O'Brien", "O\\'Brien")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("plain-name 01", "plain-name 01")]
    [InlineData("", "")]
    [InlineData("\\'", "\\\\\\'")]
    [InlineData("日本語", "日本語")]
    public void Escapes_quotes_and_backslashes(string raw, string escaped)
    {
        Assert.Equal(escaped, WqlEscape.String(raw));
        Assert.Equal("'" + escaped + "'", WqlEscape.Quoted(raw));
    }

    [Fact]
    public void By_name_escapes_the_name()
    {
        Assert.Equal(
            "SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER AND ElementName = 'O\\'Brien\\\\VM'",
            DomainQuery.ByName("O'Brien\\VM"));
    }

    [Fact]
    public void Libvirt_activity_clauses_are_kept_verbatim()
    {
        Assert.Equal("(EnabledState != 0 and EnabledState != 3 and EnabledState != 32769)", DomainQuery.LibvirtActiveClause);
        Assert.Equal("(EnabledState = 0 or EnabledState = 3 or EnabledState = 32769)", DomainQuery.LibvirtInactiveClause);
    }

    [Fact]
    public void Active_clause_lists_the_active_states()
    {
        Assert.Equal(
            "(EnabledState = 2 or EnabledState = 4 or EnabledState = 9 or EnabledState = 10 or EnabledState = 32768 or "
            + "EnabledState = 32770 or EnabledState = 32771 or EnabledState = 32773 or EnabledState = 32774 or "
            + "EnabledState = 32776 or EnabledState = 32777)",
            DomainQuery.ActiveClause);
        Assert.Equal(DomainQuery.AllDomains + " AND " + DomainQuery.ActiveClause, DomainQuery.All(DomainActivity.Active));
    }

    [Fact]
    public void Inactive_clause_is_the_complement()
    {
        Assert.Equal(
            "(EnabledState != 2 and EnabledState != 4 and EnabledState != 9 and EnabledState != 10 and EnabledState != 32768 and "
            + "EnabledState != 32770 and EnabledState != 32771 and EnabledState != 32773 and EnabledState != 32774 and "
            + "EnabledState != 32776 and EnabledState != 32777)",
            DomainQuery.InactiveClause);
        Assert.Equal(DomainQuery.AllDomains + " AND " + DomainQuery.InactiveClause, DomainQuery.All(DomainActivity.Inactive));
    }

    // Evaluates our generated clauses the way WMI would, for every possible value, against the mapping.
    [Fact]
    public void Activity_clauses_agree_with_the_mapping_for_every_value()
    {
        for (var value = 0; value <= ushort.MaxValue; value++)
        {
            var active = EnabledStateMapping.Map((ushort)value).IsActive;
            Assert.Equal(active, DomainQuery.ActiveClause.Contains($"EnabledState = {value} ", StringComparison.Ordinal)
                || DomainQuery.ActiveClause.EndsWith($"EnabledState = {value})", StringComparison.Ordinal));
            Assert.Equal(active, DomainQuery.InactiveClause.Contains($"EnabledState != {value} ", StringComparison.Ordinal)
                || DomainQuery.InactiveClause.EndsWith($"EnabledState != {value})", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Several_names_are_ored_in_parentheses()
    {
        Assert.Equal(
            "SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER AND (ElementName = 'a' OR ElementName = 'b\\'c')",
            DomainQuery.ByNames(["a", "b'c"]));
    }

    [Fact]
    public void Several_uuids_are_ored_in_parentheses()
    {
        Assert.Equal(
            "SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER AND (Name = '5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51' OR Name = '7d0f3b2e-1a9c-4e8b-8f7d-6c5b4a392817')",
            DomainQuery.ByUuids([RunningVm, OffVm]));
    }

    [Fact]
    public void A_single_name_has_no_parentheses()
    {
        Assert.Equal(DomainQuery.ByName("vm"), DomainQuery.ByNames(["vm"]));
        Assert.Equal(DomainQuery.ByUuid(OffVm), DomainQuery.ByUuids([OffVm]));
    }

    [Fact]
    public void Names_uuids_and_activity_combine()
    {
        Assert.Equal(
            "SELECT * FROM Msvm_ComputerSystem WHERE Name != __SERVER AND (ElementName = 'a' OR Name = '7d0f3b2e-1a9c-4e8b-8f7d-6c5b4a392817') AND "
            + DomainQuery.InactiveClause,
            DomainQuery.Select(["a"], [OffVm], DomainActivity.Inactive));
    }

    [Fact]
    public void Empty_filters_mean_all_domains()
    {
        Assert.Equal(DomainQuery.AllDomains, DomainQuery.Select([], null, DomainActivity.Any));
        Assert.Equal(DomainQuery.AllDomains, DomainQuery.ByNames([]));
    }

    [Fact]
    public void A_property_list_replaces_the_star_and_keeps_the_filter()
    {
        Assert.Equal(
            "SELECT ElementName, EnabledState, HealthState, Name, OnTimeInMilliseconds, ProcessID FROM Msvm_ComputerSystem WHERE Name != __SERVER AND ElementName = 'a' AND "
            + DomainQuery.ActiveClause,
            DomainQuery.Select(["a"], null, DomainActivity.Active, DomainRecord.ListedProperties));
        Assert.Equal(DomainQuery.AllDomains, DomainQuery.Select(null, null, DomainActivity.Any, properties: []));
    }

    [Theory]
    [InlineData("Name, Caption")]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("Name FROM Win32_Process --")]
    public void A_property_name_that_is_not_an_identifier_is_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => DomainQuery.Select(null, null, DomainActivity.Any, [name]));
    }

    [Fact]
    public void Filter_with_ids_and_a_property_list()
    {
        var filter = new HyperVLibvirt.Core.Domains.DomainFilter { Ids = [12, 34] };
        Assert.Equal(
            "SELECT Name FROM Msvm_ComputerSystem WHERE Name != __SERVER AND (ProcessID = 12 OR ProcessID = 34)",
            filter.ToWql(["Name"]));
        Assert.Equal(DomainQuery.AllDomains + " AND (ProcessID = 12 OR ProcessID = 34)", filter.ToWql());
    }

    [Fact]
    public void Listed_properties_are_what_a_record_reads_in_wmi_order()
    {
        Assert.Equal(DomainRecord.ListedProperties.OrderBy(p => p, StringComparer.OrdinalIgnoreCase), DomainRecord.ListedProperties);
        Assert.Contains("Name", DomainRecord.ListedProperties);
        Assert.Contains("ElementName", DomainRecord.ListedProperties);
        Assert.Contains("EnabledState", DomainRecord.ListedProperties);
        Assert.Contains("ProcessID", DomainRecord.ListedProperties);
    }
}
