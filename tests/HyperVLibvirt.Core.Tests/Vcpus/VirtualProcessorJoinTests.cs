using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Tests.HyperV;
using HyperVLibvirt.Core.Vcpus;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.Vcpus;

/// <summary>vcpuinfo from one counter query per host, joined by VM name.</summary>
public sealed class VirtualProcessorJoinTests
{
    private static readonly Guid Web = Guid.Parse("11111111-1111-4111-8111-111111111111");
    private static readonly Guid Db = Guid.Parse("22222222-2222-4222-8222-222222222222");
    private static readonly Guid Other = Guid.Parse("33333333-3333-4333-8333-333333333333");

    private static HvDomain Domain(Guid id, string name, ushort state) =>
        new(DomainRecord.FromComputerSystem(Cim.ComputerSystem(id.ToString(), name, state, state == 2 ? 1234u : null)), Guid.Empty, "hv01");

    private static CimObject Settings(Guid vm, ulong vcpus) => Cim.Processor(SettingsInstanceId.ForRealizedSystem(vm), vcpus);

    private static CimObject Row(string name, ulong ticks) => Cim.Object(VcpuQuery.CounterClass, ("Name", name), ("PercentTotalRunTime", ticks.ToString()));

    [Fact]
    public void RunningVpsGetTheirTimeInNanosecondsAndStoppedOnesAreOffline()
    {
        var report = VirtualProcessorJoin.Join(
            [Domain(Web, "web", 2), Domain(Db, "db", 3)],
            [Settings(Web, 2), Settings(Db, 1)],
            [Row("web:Hv VP 0", 5_000), Row("web:Hv VP 1", 7), Row("_Total", 5_007)]);
        Assert.Equal(3, report.Rows.Count);
        Assert.Equal(("web", 0, "Running", (ulong?)500_000), (report.Rows[0].Name, report.Rows[0].Vcpu, report.Rows[0].State, report.Rows[0].CpuTimeNs));
        Assert.Equal(700UL, report.Rows[1].CpuTimeNs);
        Assert.Equal(("db", "Offline", (ulong?)null), (report.Rows[2].Name, report.Rows[2].State, report.Rows[2].CpuTimeNs));
        Assert.Empty(report.Ambiguous);
        Assert.Empty(report.MissingSettings);
    }

    [Fact]
    public void AStoppedVmNeverTakesTheCountersOfARunningNamesake()
    {
        var report = VirtualProcessorJoin.Join([Domain(Db, "web", 3)], [Settings(Db, 1)], [Row("web:Hv VP 0", 99)]);
        Assert.Equal("Offline", report.Rows.Single().State);
    }

    [Fact]
    public void AVpWithoutARowIsOfflineAsInLibvirt()
    {
        var report = VirtualProcessorJoin.Join([Domain(Web, "web", 2)], [Settings(Web, 2)], [Row("web:Hv VP 0", 1)]);
        Assert.Equal(["Running", "Offline"], report.Rows.Select(r => r.State));
    }

    [Fact]
    public void TwoRunningVmsWithOneNameAreUnknownRatherThanGuessed()
    {
        var report = VirtualProcessorJoin.Join([Domain(Web, "web", 2), Domain(Other, "web", 2)], [Settings(Web, 1), Settings(Other, 1)],
            [Row("web:Hv VP 0", 1), Row("web#1:Hv VP 0", 2)]);
        Assert.All(report.Rows, r => Assert.Equal("Unknown", r.State));
        Assert.All(report.Rows, r => Assert.Null(r.CpuTimeNs));
        Assert.Equal(2, report.Ambiguous.Count);
    }

    [Fact]
    public void ANumberedRowRevealsANamesakeThatWasNotAskedFor()
    {
        var report = VirtualProcessorJoin.Join([Domain(Web, "web", 2)], [Settings(Web, 1)], [Row("web:Hv VP 0", 1), Row("web#1:Hv VP 0", 2)]);
        Assert.Equal("Unknown", report.Rows.Single().State);
        Assert.Same(report.Ambiguous.Single(), report.Ambiguous[0]);
    }

    [Fact]
    public void ADomainWithoutProcessorSettingsIsReportedNotDropped()
    {
        var report = VirtualProcessorJoin.Join([Domain(Web, "web", 2)], [Settings(Db, 4)], []);
        Assert.Empty(report.Rows);
        Assert.Equal(Web, report.MissingSettings.Single().Uuid);
    }

    [Fact]
    public void SnapshotAndDefinitionSettingsNeverAttachToAVm()
    {
        var byVm = VirtualProcessorJoin.ProcessorsByVm([
            Cim.Processor(@"Microsoft:Definition\B637F346-6A6E-4DEC-AF52-BD70CB80A21D", 240),
            Settings(Web, 2),
        ]);
        Assert.Equal([Web], byVm.Keys);
    }

    [Fact]
    public void NamesTheDomainsInTheWhereClauseUpToTheLimit()
    {
        Assert.Equal(@"SELECT * FROM Msvm_ProcessorSettingData WHERE InstanceID LIKE 'Microsoft:11111111-1111-4111-8111-111111111111%' OR InstanceID LIKE 'Microsoft:22222222-2222-4222-8222-222222222222%'",
            VcpuQuery.ProcessorSettingsOf([Web, Db]));
        var many = Enumerable.Range(0, VcpuQuery.NamedDomainLimit + 1).Select(_ => Guid.NewGuid()).ToArray();
        Assert.Equal(SettingsQuery.AllProcessorSettings, VcpuQuery.ProcessorSettingsOf(many));
    }

    [Fact]
    public void CpuTimeReadsBackAsATimeSpan()
    {
        var row = new HvDomainVcpu { Name = "web", Uuid = Web, Vcpu = 0, State = "Running", CpuTimeNs = 90_500_000_000, ComputerName = "hv01" };
        Assert.Equal("00:01:30.5000000", row.CpuTime);
        Assert.Equal(TimeSpan.FromSeconds(90.5), row.GetCpuTime());
    }
}
