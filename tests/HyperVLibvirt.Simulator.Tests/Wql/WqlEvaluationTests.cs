using HyperVLibvirt.Simulator.Model;
using HyperVLibvirt.Simulator.Tests.Model;

namespace HyperVLibvirt.Simulator.Tests.Wql;

/// <summary>WHERE semantics, run through SimulatedHost.ExecuteQuery over generated VMs.</summary>
public class WqlEvaluationTests
{
    private static readonly SimulatedHost Host = TestHosts.Create(vms: 30);

    private static int Count(string where) =>
        Host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ComputerSystem WHERE " + where).Instances.Count;

    [Fact]
    public void ServerSystemPropertyMatchesTheHostOnly()
    {
        Assert.Equal(1, Count("Name = __SERVER"));
        Assert.Equal(30, Count("Name != __SERVER"));
        Assert.Equal(30, Count("__SERVER <> Name"));
        Assert.Equal(31, Count("__CLASS = 'msvm_computersystem'"));
    }

    [Fact]
    public void LikeSupportsPercentUnderscoreAndSets()
    {
        Assert.Equal(30, Count("ElementName LIKE 'VM-%'"));
        Assert.Equal(9, Count("ElementName LIKE 'vm-00_'"));
        Assert.Equal(3, Count("ElementName LIKE 'vm-0[1-3]0'"));
        Assert.Equal(21, Count("ElementName LIKE 'vm-0[^0]_'"));
        Assert.Equal(3, Count("ElementName LIKE 'vm-%0' "));
        Assert.Equal(1, Count("ElementName NOT LIKE 'vm-%'"));
    }

    [Fact]
    public void NumbersCompareNumericallyWhateverTheLiteralForm()
    {
        var running = Count("EnabledState = 2");
        Assert.True(running > 1);
        Assert.Equal(running, Count("EnabledState = '2'"));
        Assert.Equal(running, Count("2 = EnabledState"));
        Assert.Equal(Count("EnabledState > 32768"), Count("32768 < EnabledState"));
        Assert.Equal(31, Count("EnabledState >= 2 OR EnabledState < 2"));
        Assert.Equal(0, Count("EnabledState < -1"));
    }

    [Fact]
    public void NotAndParenthesesAndPrecedence()
    {
        var off = Count("EnabledState = 3");
        Assert.Equal(31 - off, Count("NOT EnabledState = 3"));
        Assert.Equal(31 - off, Count("NOT (EnabledState = 3)"));
        // AND binds tighter: host OR (running AND off) is just the host.
        Assert.Equal(1, Count("Name = __SERVER OR EnabledState = 2 AND EnabledState = 3"));
        Assert.Equal(Count("EnabledState = 3"), Count("(Name = __SERVER OR EnabledState = 3) AND Name != __SERVER"));
    }

    [Fact]
    public void NullComparisonsAreFalseAndIsNullWorks()
    {
        // Only the host has a null InstallDate.
        Assert.Equal(1, Count("InstallDate IS NULL"));
        Assert.Equal(30, Count("InstallDate IS NOT NULL"));
        var withPid = Count("ProcessID IS NOT NULL");
        Assert.Equal(withPid, Count("ProcessID > 0"));
        Assert.Equal(withPid, Count("ProcessID != 0"));
        Assert.Equal(0, Count("ProcessID = NULL"));
    }

    [Fact]
    public void BooleansAndDatetimesCompare()
    {
        // Realized settings only: snapshots are Msvm_VirtualSystemSettingData too, and one holding memory is IsSaved.
        const string realized = "SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemType = 'Microsoft:Hyper-V:System:Realized' AND ";
        var saved = Host.ExecuteQuery(TestHosts.V2, realized + "IsSaved = TRUE").Instances.Count;
        Assert.Equal(Count("EnabledState = 6"), saved);
        Assert.Equal(30 - saved, Host.ExecuteQuery(TestHosts.V2, realized + "IsSaved = false").Instances.Count);
        Assert.Equal(30, Count("InstallDate < '2100-01-01T00:00:00Z'"));
        Assert.Equal(30, Count("InstallDate > '20000101000000.000000+000'"));
    }

    [Fact]
    public void StringEscapesMatchValuesContainingQuotesAndBackslashes()
    {
        var cpu = Host.EnumerateInstances(TestHosts.V2, "Msvm_ProcessorSettingData")[0];
        var id = (string)cpu["InstanceID"]!;
        var escaped = id.Replace("\\", "\\\\");
        Assert.Single(Host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_ProcessorSettingData WHERE InstanceID = '{escaped}'").Instances);
        Assert.Empty(Host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'it\\'s'").Instances);
    }

    [Fact]
    public void SelectListIsValidatedAndReturned()
    {
        var result = Host.ExecuteQuery(TestHosts.Cimv2, "SELECT version, Caption FROM Win32_OperatingSystem");
        Assert.Equal(["Version", "Caption"], result.SelectedProperties);
        Assert.Null(Host.ExecuteQuery(TestHosts.Cimv2, "SELECT * FROM Win32_OperatingSystem").SelectedProperties);
        Assert.Equal(CimErrorKind.InvalidQuery, Assert.Throws<CimException>(() => Host.ExecuteQuery(TestHosts.Cimv2, "SELECT Bogus FROM Win32_OperatingSystem")).Kind);
    }

    [Theory]
    [InlineData("SELECT * FROM Msvm_ComputerSystem WHERE Bogus = 1", CimErrorKind.InvalidQuery)]
    [InlineData("SELECT * FROM Msvm_ComputerSystem WHERE EnabledState = 'two'", CimErrorKind.InvalidQuery)]
    [InlineData("SELECT * FROM Msvm_ComputerSystem WHERE OperationalStatus = 2", CimErrorKind.InvalidQuery)]
    [InlineData("SELECT * FROM Msvm_ComputerSystem WHERE __BOGUS = 1", CimErrorKind.InvalidQuery)]
    [InlineData("SELECT * FROM Msvm_ComputerSystem WHERE", CimErrorKind.InvalidQuery)]
    [InlineData("SELECT * FROM Msvm_NoSuchClass", CimErrorKind.InvalidClass)]
    [InlineData("ASSOCIATORS OF {Msvm_NoSuchClass.Name='x'}", CimErrorKind.InvalidClass)]
    [InlineData("ASSOCIATORS OF {Msvm_ComputerSystem.Name='nope'}", CimErrorKind.NotFound)]
    [InlineData("ASSOCIATORS OF {Msvm_ComputerSystem.Bogus='x'}", CimErrorKind.InvalidQuery)]
    public void ErrorsMapToCimErrorKinds(string wql, CimErrorKind kind) =>
        Assert.Equal(kind, Assert.Throws<CimException>(() => Host.ExecuteQuery(TestHosts.V2, wql)).Kind);

    [Fact]
    public void RandomQueriesOnlyEverFailWithCimException()
    {
        var random = new Random(99);
        string[] parts = ["SELECT", "*", "FROM", "Msvm_ComputerSystem", "WHERE", "Name", "!=", "__SERVER", "AND", "OR", "NOT", "(", ")", "'x'", "\"y\"", "3", "EnabledState", "LIKE", "'%a_'", "IS", "NULL", "=", "<", "ASSOCIATORS", "OF", "{Msvm_ComputerSystem.Name='a'}", "ResultClass", "ProcessID", "TRUE", ","];
        for (var i = 0; i < 3000; i++)
        {
            var count = random.Next(1, 14);
            var text = i % 2 == 0 ? "SELECT * FROM Msvm_ComputerSystem WHERE " : string.Empty;
            for (var p = 0; p < count; p++)
            {
                text += parts[random.Next(parts.Length)] + " ";
            }

            try
            {
                Host.ExecuteQuery(TestHosts.V2, text);
            }
            catch (CimException)
            {
                // Expected for most random strings; anything else fails the test.
            }
        }
    }
}
