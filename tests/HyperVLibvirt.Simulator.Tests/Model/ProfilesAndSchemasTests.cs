using System.Text.RegularExpressions;
using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

public class ProfilesAndSchemasTests
{
    public static TheoryData<string> ProfileNames() => new(HostProfile.All.Select(p => p.Name));

    [Theory]
    [InlineData("ws2008", "6.0.6001")]
    [InlineData("ws2008r2", "6.1.7600")]
    [InlineData("ws2012", "6.2.9200")]
    [InlineData("ws2012r2", "6.3.9600")]
    [InlineData("ws2016", "10.0.14393")]
    [InlineData("ws2019", "10.0.17763")]
    [InlineData("ws2022", "10.0.20348")]
    [InlineData("ws2025", "10.0.26100")]
    public void EveryProfileReportsItsVersionAndNamespaces(string profile, string version)
    {
        var host = TestHosts.Create(profile, vms: 3);
        Assert.Equal(version, host.OsVersion);
        var os = host.ExecuteQuery(TestHosts.Cimv2, "SELECT * FROM Win32_OperatingSystem ").Instances.Single();
        Assert.Equal(version, os["Version"]);
        Assert.Equal(version.Split('.')[2], os["BuildNumber"]);
        Assert.Contains("Windows Server", (string)os["Caption"]!);
        Assert.Contains(version.StartsWith("10.", StringComparison.Ordinal) ? profile[2..6] : "20", (string)os["Caption"]!);

        var hasV1 = profile is "ws2008" or "ws2008r2" or "ws2012";
        var hasV2 = profile is not ("ws2008" or "ws2008r2");
        Assert.Contains(TestHosts.Cimv2, host.Namespaces);
        Assert.Equal(hasV1, host.Namespaces.Contains(TestHosts.V1));
        Assert.Equal(hasV2, host.Namespaces.Contains(TestHosts.V2));
        foreach (var ns in new[] { TestHosts.V1, TestHosts.V2 })
        {
            if (host.Namespaces.Contains(ns))
            {
                Assert.Equal(3, TestHosts.Vms(host, ns).Count);
            }
            else
            {
                Assert.Equal(CimErrorKind.InvalidNamespace, Assert.Throws<CimException>(() => TestHosts.Vms(host, ns)).Kind);
            }
        }
    }

    [Fact]
    public void UnknownProfileAndNamespaceAreRefused()
    {
        Assert.Throws<ArgumentException>(() => TestHosts.Create("ws1999"));
        var host = TestHosts.Create();
        Assert.Equal(CimErrorKind.InvalidNamespace, Assert.Throws<CimException>(() => host.ExecuteQuery("root/nowhere", "SELECT * FROM X")).Kind);
        Assert.Single(host.ExecuteQuery(@"root\CIMV2", "SELECT * FROM Win32_OperatingSystem").Instances);
    }

    [SharedFact]
    public void EveryPropertyInTheSpecExistsWithItsType()
    {
        var spec = SharedFiles.Spec("wmi-classes.md");

        // Windows Server 2016: the first release with every class of the list (Msvm_SerialPortSettingData).
        var host = TestHosts.Create("ws2016", vms: 1);
        var sections = Regex.Matches(File.ReadAllText(spec), @"^## (\w+)(?: : (\w+))?\s*\n+(.+)$", RegexOptions.Multiline);
        Assert.True(sections.Count >= 20);
        foreach (Match section in sections)
        {
            var className = section.Groups[1].Value;
            var ns = className.StartsWith("Msvm_", StringComparison.Ordinal) ? TestHosts.V2 : TestHosts.Cimv2;
            var cimClass = host.GetClass(ns, className);
            Assert.Equal(className, cimClass.Name);
            foreach (Match property in Regex.Matches(section.Groups[3].Value, @"(\w+)(\[\])? \((\w+)\)"))
            {
                var index = cimClass.IndexOf(property.Groups[1].Value);
                Assert.True(index >= 0, $"{className}.{property.Groups[1].Value} is missing");
                var definition = cimClass.Properties[index];
                Assert.Equal(property.Groups[1].Value, definition.Name);
                Assert.Equal(property.Groups[2].Success, definition.IsArray);
                Assert.Equal(ExpectedType(property.Groups[3].Value), definition.Type);
            }
        }

        var serial = host.GetClass(TestHosts.V2, "Msvm_SerialPortSettingData");
        Assert.True(serial.IndexOf("VirtualSystemIdentifiers") >= 0, "inherits its parent's properties");
    }

    [Fact]
    public void KeysAndAssociationsAreDeclared()
    {
        var host = TestHosts.Create();
        Assert.Equal(["CreationClassName", "Name"], host.GetClass(TestHosts.V2, "Msvm_ComputerSystem").Keys);
        Assert.Equal(["InstanceID"], host.GetClass(TestHosts.V2, "Msvm_ConcreteJob").Keys);
        Assert.Equal(["IdentifyingNumber", "Name", "Version"], host.GetClass(TestHosts.Cimv2, "Win32_ComputerSystemProduct").Keys);
        Assert.Equal(["CreationClassName", "DeviceID", "SystemCreationClassName", "SystemName"], host.GetClass(TestHosts.V2, "Msvm_ShutdownComponent").Keys);
        var affected = host.GetClass(TestHosts.V2, "Msvm_AffectedJobElement");
        Assert.Equal(CimType.Reference, affected.Properties[affected.IndexOf("AffectedElement")].Type);
        Assert.True(affected.Properties[affected.IndexOf("ElementEffects")].IsArray);
        Assert.Equal(CimErrorKind.InvalidClass, Assert.Throws<CimException>(() => host.GetClass(TestHosts.Cimv2, "Msvm_ComputerSystem")).Kind);
    }

    [Fact]
    public void VmComputerSystemHasTheCapturedPropertySet()
    {
        // Property names of the real ja-JP running-VM capture (fixtures/wsman), non-null arrays included.
        string[] captured =
        [
            "Caption", "CommunicationStatus", "CreationClassName", "Description", "DetailedStatus", "ElementName", "EnabledDefault",
            "EnabledState", "EnhancedSessionModeState", "FailedOverReplicationType", "HealthState", "HwThreadsPerCoreRealized",
            "InstallDate", "InstanceID", "LastApplicationConsistentReplicationTime", "LastReplicationTime", "LastReplicationType",
            "LastSuccessfulBackupTime", "ManagementVtlImageFileName", "ManagementVtlImageVersion", "Name", "NameFormat",
            "NumberOfNumaNodes", "OnTimeInMilliseconds", "OperatingStatus", "OperationalStatus", "OtherEnabledState",
            "PrimaryOwnerContact", "PrimaryOwnerName", "PrimaryStatus", "ProcessID", "ReplicationHealth", "ReplicationMode",
            "ReplicationState", "RequestedState", "ResetCapability", "Status", "StatusDescriptions", "TimeOfLastConfigurationChange",
            "TimeOfLastStateChange", "TransitioningToState",
        ];
        var host = TestHosts.Create(language: "ja-JP");
        var vm = TestHosts.Vm(host, "vm-001");
        var sent = vm.Class.Properties
            .Select((p, i) => (p, i))
            .Where(x => !x.p.IsArray || vm.GetValue(x.i) is not null)
            .Select(x => x.p.Name)
            .ToArray();
        Assert.Equal(captured, sent);
        Assert.Equal("仮想マシン", vm["Caption"]);
        Assert.Equal("Microsoft Virtual Machine", vm["Description"]);
        Assert.Equal(["正常稼働中"], (IReadOnlyList<object>)vm["StatusDescriptions"]!);
    }

    [Theory]
    [InlineData("en-US", "Virtual Machine", "Hosting Computer System", "Microsoft Hosting Computer System", "Operating normally")]
    [InlineData("ja-JP", "仮想マシン", "ホスト コンピューター システム", "Microsoft ホスト コンピューター システム", "正常稼働中")]
    public void CaptionsAreLocalized(string language, string vmCaption, string hostCaption, string hostDescription, string normal)
    {
        var host = TestHosts.Create(language: language);
        Assert.Equal(language, host.Language.Name);
        var self = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ComputerSystem WHERE Name = __SERVER").Instances.Single();
        Assert.Equal(hostCaption, self["Caption"]);
        Assert.Equal(hostDescription, self["Description"]);
        Assert.Null(self["InstallDate"]);
        Assert.Equal(2UL, self["EnabledState"]);
        var vm = TestHosts.Vms(host)[0];
        Assert.Equal(vmCaption, vm["Caption"]);
        Assert.Equal("Microsoft Virtual Machine", vm["Description"]);
        Assert.Equal(normal, ((IReadOnlyList<object>)vm["StatusDescriptions"]!)[0]);
        var hostFilter = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ComputerSystem WHERE Description = \"Microsoft Hosting Computer System\" ").Instances;
        Assert.Equal(language == "en-US" ? 1 : 0, hostFilter.Count);
    }

    private static CimType ExpectedType(string type) => type switch
    {
        "string" => CimType.String,
        "boolean" => CimType.Boolean,
        "uint8" => CimType.UInt8,
        "sint8" => CimType.SInt8,
        "uint16" => CimType.UInt16,
        "int16" or "sint16" => CimType.SInt16,
        "uint32" => CimType.UInt32,
        "sint32" => CimType.SInt32,
        "uint64" => CimType.UInt64,
        "int64" or "sint64" => CimType.SInt64,
        "datetime" => CimType.DateTime,
        _ => throw new InvalidOperationException(type),
    };
}
