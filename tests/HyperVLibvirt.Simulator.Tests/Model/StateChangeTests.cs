using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

public class StateChangeTests
{
    private static MethodResult Request(SimulatedHost host, CimInstance vm, ulong state, string ns = TestHosts.V2) =>
        host.InvokeMethod(ns, "Msvm_ComputerSystem", TestHosts.VmSelectors(vm), "RequestStateChange", [new("RequestedState", state.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    private static CimInstance Job(SimulatedHost host, MethodResult result, string ns = TestHosts.V2)
    {
        var reference = Assert.IsType<CimReference>(Assert.Single(result.OutParameters, p => p.Key == "Job").Value);
        Assert.EndsWith(ns + "/Msvm_ConcreteJob", reference.ResourceUri);
        var id = Assert.Single(reference.Selectors, s => s.Key == "InstanceID").Value;
        return host.ExecuteQuery(ns, $"SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = '{id}' ").Instances.Single();
    }

    [Fact]
    public void AVmThatRefusesStateChangesAnswersItsCodeAndStartsNoJob()
    {
        var path = Path.Combine(Path.GetTempPath(), "hvsim-refuse-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, "{\"vms\": [{\"name\": \"busy\", \"state\": \"off\", \"refuseStateChange\": 32774}]}");
        try
        {
            var host = TestHosts.Create(inventory: path);
            var vm = TestHosts.Vm(host, "busy");
            var result = Request(host, vm, 2);
            Assert.Equal(32774u, result.ReturnValue);
            Assert.Empty(result.OutParameters);
            Assert.Equal(3UL, TestHosts.Vm(host, "busy")["EnabledState"]);
            Assert.Empty(host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ConcreteJob").Instances);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("ws2019", 8)]
    [InlineData("ws2019", 1000)]
    [InlineData("ws2008r2", 8)]
    public void TheStockHostRestsInStableStatesAndSavesEveryRunningVm(string profile, int vms)
    {
        // The README's simulator command: a generated host, no --all-states.
        var clock = new ManualClock();
        var host = TestHosts.Create(profile: profile, vms: vms, clock: clock);
        var ns = profile == "ws2008r2" ? TestHosts.V1 : TestHosts.V2;
        var stable = new ulong[] { 2, 3, 6, 9 }.Select(s => (ulong)EnabledStates.ForNamespace((ushort)s, ns == TestHosts.V1)).ToArray();
        var all = TestHosts.Vms(host, ns);
        Assert.All(all, vm => Assert.Contains((ulong)vm["EnabledState"]!, stable));
        var running = all.Where(vm => (ulong)vm["EnabledState"]! == 2).ToArray();
        Assert.NotEmpty(running);

        // Stop-HvDomain -Save on each: RequestStateChange(Offline), 32769 in v1's numbering.
        var save = ns == TestHosts.V1 ? 32769UL : 6UL;
        Assert.All(running, vm => Assert.Equal(4096u, Request(host, vm, save, ns).ReturnValue));
        Assert.All(TestHosts.Vms(host, ns).Where(vm => running.Any(r => Equals(r["Name"], vm["Name"]))),
            vm => Assert.Equal(32773UL, vm["EnabledState"])); // Saving, while the job runs

        clock.Advance(TimeSpan.FromSeconds(2));
        var saved = (ulong)EnabledStates.ForNamespace(EnabledStates.EnabledButOffline, ns == TestHosts.V1);
        Assert.All(TestHosts.Vms(host, ns).Where(vm => running.Any(r => Equals(r["Name"], vm["Name"]))),
            vm => Assert.Equal(saved, vm["EnabledState"]));
        Assert.All(TestHosts.Vms(host, ns), vm => Assert.Contains((ulong)vm["EnabledState"]!, stable));
    }

    [Fact]
    public void StartRunsAJobThenTheVmRuns()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);
        var vm = TestHosts.Vm(host, "vm-002");
        Assert.Equal(3UL, vm["EnabledState"]);
        Assert.Null(vm["ProcessID"]);

        var result = Request(host, vm, 2);
        Assert.Equal(4096u, result.ReturnValue);
        var job = Job(host, result);
        Assert.Contains((ulong)job["JobState"]!, new ulong[] { 3, 4 });
        Assert.Equal(32770UL, TestHosts.Vm(host, "vm-002")["EnabledState"]);

        clock.Advance(TimeSpan.FromSeconds(1));
        job = Job(host, result);
        Assert.Equal(4UL, job["JobState"]);
        Assert.InRange((ulong)job["PercentComplete"]!, 1UL, 99UL);
        Assert.Equal(32770UL, TestHosts.Vm(host, "vm-002")["EnabledState"]);

        clock.Advance(TimeSpan.FromSeconds(1));
        job = Job(host, result);
        Assert.Equal(7UL, job["JobState"]);
        Assert.Equal(100UL, job["PercentComplete"]);
        var running = TestHosts.Vm(host, "vm-002");
        Assert.Equal(2UL, running["EnabledState"]);
        Assert.NotNull(running["ProcessID"]);
        Assert.Same(running, host.GetInstance(TestHosts.V2, "Msvm_ComputerSystem", TestHosts.VmSelectors(running)));
        Assert.Same(vm.Class, running.Class);
        Assert.Equal(3UL, vm["EnabledState"]); // the old snapshot is untouched

        var jobId = (string)job["InstanceID"]!;
        Assert.Same(job, host.GetInstance(TestHosts.V2, "Msvm_ConcreteJob", [new("instanceid", jobId.ToLowerInvariant())]));
        var affected = host.ExecuteQuery(TestHosts.V2, $"ASSOCIATORS OF {{Msvm_ConcreteJob.InstanceID='{jobId}'}} WHERE AssocClass = Msvm_AffectedJobElement").Instances.Single();
        Assert.Equal(running["Name"], affected["Name"]);

        clock.Advance(SimulatedHost.CompletedJobLifetime);
        Assert.Empty(host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = '{jobId}'").Instances);
        Assert.Empty(host.EnumerateInstances(TestHosts.V2, "Msvm_AffectedJobElement"));
    }

    [Theory]
    // v2: from state (by VM name in the generated set), request, accepted?
    [InlineData("vm-001", 2UL, false)] // running -> start
    [InlineData("vm-001", 3UL, true)]
    [InlineData("vm-001", 6UL, true)]
    [InlineData("vm-001", 9UL, true)]
    [InlineData("vm-001", 10UL, true)]
    [InlineData("vm-001", 11UL, true)]
    [InlineData("vm-002", 2UL, true)] // off
    [InlineData("vm-002", 3UL, false)]
    [InlineData("vm-002", 6UL, false)]
    [InlineData("vm-002", 9UL, false)]
    [InlineData("vm-002", 10UL, false)]
    [InlineData("vm-003", 2UL, true)] // saved
    [InlineData("vm-003", 3UL, true)]
    [InlineData("vm-003", 9UL, false)]
    [InlineData("vm-004", 2UL, true)] // paused
    [InlineData("vm-004", 6UL, true)]
    [InlineData("vm-004", 9UL, false)]
    [InlineData("vm-005", 2UL, false)] // starting (10)
    public void V2TransitionsFollowHyperV(string name, ulong request, bool accepted)
    {
        var host = TestHosts.Create(allStates: true);
        var result = Request(host, TestHosts.Vm(host, name), request);
        Assert.Equal(accepted ? 4096u : 32775u, result.ReturnValue);
        Assert.Equal(accepted, result.OutParameters.Any(p => p.Key == "Job"));
    }

    [Theory]
    [InlineData(32768UL)]
    [InlineData(32769UL)]
    [InlineData(7UL)]
    [InlineData(99UL)]
    public void V2RefusesV1AndUnknownRequestedStates(ulong request)
    {
        var host = TestHosts.Create();
        Assert.Equal(32773u, Request(host, TestHosts.Vm(host, "vm-001"), request).ReturnValue);
    }

    [Fact]
    public void V1UsesItsOwnNumbersAndCodes()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create("ws2008r2", clock: clock);
        var states = TestHosts.Vms(host, TestHosts.V1).Select(vm => (ulong)vm["EnabledState"]!).ToArray();
        Assert.Contains(32768UL, states);
        Assert.Contains(32769UL, states);
        Assert.DoesNotContain(9UL, states);
        Assert.DoesNotContain(6UL, states);

        var running = TestHosts.Vm(host, "vm-001", TestHosts.V1);
        Assert.Equal(32773u, Request(host, running, 9, TestHosts.V1).ReturnValue);
        Assert.Equal(32773u, Request(host, running, 6, TestHosts.V1).ReturnValue);
        Assert.Equal(4097u, Request(host, TestHosts.Vm(host, "vm-002", TestHosts.V1), 3, TestHosts.V1).ReturnValue);

        var result = Request(host, running, 32768, TestHosts.V1);
        Assert.Equal(4096u, result.ReturnValue);
        Job(host, result, TestHosts.V1);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(32768UL, TestHosts.Vm(host, "vm-001", TestHosts.V1)["EnabledState"]);
        Assert.Equal(4096u, Request(host, TestHosts.Vm(host, "vm-001", TestHosts.V1), 32769, TestHosts.V1).ReturnValue);
        clock.Advance(TimeSpan.FromSeconds(5));
        var saved = TestHosts.Vm(host, "vm-001", TestHosts.V1);
        Assert.Equal(32769UL, saved["EnabledState"]);
        Assert.Null(saved["ProcessID"]);
    }

    [Fact]
    public void Ws2012ShowsTheSameVmInBothNumberings()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create("ws2012", clock: clock);
        Assert.Equal(4096u, Request(host, TestHosts.Vm(host, "vm-001"), 9).ReturnValue);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(9UL, TestHosts.Vm(host, "vm-001")["EnabledState"]);
        Assert.Equal(32768UL, TestHosts.Vm(host, "vm-001", TestHosts.V1)["EnabledState"]);
    }

    [Fact]
    public void ARequestDuringAJobIsRefused()
    {
        var host = TestHosts.Create();
        Assert.Equal(4096u, Request(host, TestHosts.Vm(host, "vm-002"), 2).ReturnValue);
        Assert.Equal(32775u, Request(host, TestHosts.Vm(host, "vm-002"), 2).ReturnValue);
    }

    [Fact]
    public void FailedJobReportsExceptionAndLeavesTheState()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);
        host.FailNextJob("simulated failure");
        var result = Request(host, TestHosts.Vm(host, "vm-002"), 2);
        clock.Advance(TimeSpan.FromSeconds(3));
        var job = Job(host, result);
        Assert.Equal(10UL, job["JobState"]);
        Assert.Equal(32768UL, job["ErrorCode"]);
        Assert.Equal("simulated failure", job["ErrorDescription"]);
        Assert.Equal(3UL, TestHosts.Vm(host, "vm-002")["EnabledState"]);
        Assert.Null(TestHosts.Vm(host, "vm-002")["ProcessID"]);
    }

    [Fact]
    public void GuestShutdownTurnsARunningVmOff()
    {
        var clock = new ManualClock();
        var host = TestHosts.Create(clock: clock);
        var vm = TestHosts.Vm(host, "vm-001");
        var component = host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_ShutdownComponent WHERE SystemName = '{vm["Name"]}'").Instances.Single();
        KeyValuePair<string, string>[] selectors = [.. component.Class.Keys.Select(k => new KeyValuePair<string, string>(k, (string)component[k]!))];
        var result = host.InvokeMethod(TestHosts.V2, "Msvm_ShutdownComponent", selectors, "InitiateShutdown", [new("Force", "true"), new("Reason", "test")]);
        Assert.Equal(4096u, result.ReturnValue);
        Assert.Equal(4UL, TestHosts.Vm(host, "vm-001")["EnabledState"]);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(3UL, TestHosts.Vm(host, "vm-001")["EnabledState"]);
        Assert.Equal(32775u, host.InvokeMethod(TestHosts.V2, "Msvm_ShutdownComponent", selectors, "InitiateShutdown", [new("Force", "true"), new("Reason", "test")]).ReturnValue);
    }

    [Fact]
    public void MethodAndSelectorErrors()
    {
        var host = TestHosts.Create();
        var vm = TestHosts.Vm(host, "vm-001");
        CimErrorKind Kind(Action action) => Assert.Throws<CimException>(action).Kind;
        Assert.Equal(CimErrorKind.InvalidMethod, Kind(() => host.InvokeMethod(TestHosts.V2, "Msvm_ComputerSystem", TestHosts.VmSelectors(vm), "Explode", [])));
        Assert.Equal(CimErrorKind.NotFound, Kind(() => host.InvokeMethod(TestHosts.V2, "Msvm_ComputerSystem", [new("Name", Guid.Empty.ToString()), new("CreationClassName", "Msvm_ComputerSystem")], "RequestStateChange", [new("RequestedState", "2")])));
        var unexpected = Assert.Throws<CimException>(() => host.GetInstance(TestHosts.V2, "Msvm_ComputerSystem", [new("Name", "x"), new("Color", "red")]));
        Assert.Equal(("UnexpectedSelectors", CimErrorKind.InvalidSelectors), (unexpected.Detail, unexpected.Kind));
        var insufficient = Assert.Throws<CimException>(() => host.GetInstance(TestHosts.V2, "Msvm_ComputerSystem", [new("CreationClassName", "Msvm_ComputerSystem")]));
        Assert.Equal("InsufficientSelectors", insufficient.Detail);
        Assert.Same(vm, host.GetInstance(TestHosts.V2, "Msvm_ComputerSystem", [new("NAME", ((string)vm["Name"]!).ToUpperInvariant())]));
        Assert.Single(host.EnumerateInstances(TestHosts.Cimv2, "Win32_OperatingSystem"));
        Assert.Same(host.EnumerateInstances(TestHosts.Cimv2, "Win32_OperatingSystem")[0], host.GetInstance(TestHosts.Cimv2, "Win32_OperatingSystem", []));
        Assert.Equal(CimErrorKind.InvalidParameter, Kind(() => host.InvokeMethod(TestHosts.V2, "Msvm_ComputerSystem", TestHosts.VmSelectors(vm), "RequestStateChange", [new("RequestedState", "on")])));
        Assert.Equal(32770u, host.InvokeMethod(TestHosts.V2, "Msvm_ComputerSystem", [new("Name", "HV-TEST01"), new("CreationClassName", "Msvm_ComputerSystem")], "RequestStateChange", [new("RequestedState", "3")]).ReturnValue);
    }

    [Fact]
    public void ConcurrentRequestsStartExactlyOneJobPerVm()
    {
        var host = TestHosts.Create(vms: 4);
        var vm = TestHosts.Vm(host, "vm-002");
        var results = new uint[16];
        Parallel.For(0, results.Length, i => results[i] = Request(host, vm, 2).ReturnValue);
        Assert.Equal(1, results.Count(r => r == 4096));
        Assert.Equal(15, results.Count(r => r == 32775));
    }
}
