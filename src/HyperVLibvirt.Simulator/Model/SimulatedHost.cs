using System.Globalization;
using HyperVLibvirt.Simulator.Wql;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// The simulated Hyper-V host: its classes, instances and methods, with no knowledge of the
/// wire. Thread-safe. Namespaces are written with forward slashes (<c>root/cimv2</c>).
/// </summary>
/// <remarks>
/// Reads are lock-free over published snapshots. State changes (methods, and jobs moving on with
/// the clock) take one state lock and publish new snapshots. Jobs advance lazily: every call
/// first brings jobs up to <see cref="HostSettings.Clock"/>'s current time, so a test steps a fake
/// clock and the next query sees the result.
/// </remarks>
public sealed partial class SimulatedHost
{
    /// <summary>How long a finished job stays queryable before it vanishes.</summary>
    public static readonly TimeSpan CompletedJobLifetime = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, HostNamespace> _namespaces = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, VmRecord> _vms = new(StringComparer.OrdinalIgnoreCase);
    private readonly InstancePublisher _publisher;
    private readonly JobInstanceFactory _jobFactory;
    private readonly object _stateGate = new();
    private readonly List<JobRecord> _jobs = [];
    private readonly List<(VmRecord Vm, DateTimeOffset Due)> _guestBoots = [];
    private int _jobCount;
    private int _guestBootCount;
    private uint _nextProcessId;
    private string? _failNextJob;
    private readonly Lazy<HostFileStore> _files;

    /// <summary>Builds the host from its settings (profile, language, inventory).</summary>
    public SimulatedHost(HostSettings settings)
    {
        Settings = settings;
        Profile = HostProfile.Get(settings.Profile);
        Language = HostLanguage.Get(settings.Language);
        if (string.IsNullOrWhiteSpace(settings.ComputerName))
        {
            throw new ArgumentException("The computer name must not be empty.", nameof(settings));
        }

        var now = settings.Clock.GetUtcNow();
        var virtualization = new List<HostNamespace>();
        foreach (var name in Profile.Namespaces)
        {
            var ns = new HostNamespace(name, Profile);
            _namespaces[name] = ns;
            if (ns.IsVirtualization)
            {
                virtualization.Add(ns);
            }
        }

        _publisher = new InstancePublisher(_namespaces[HostProfile.Cimv2Namespace], virtualization, Language, settings, _stateGate);
        _jobFactory = new JobInstanceFactory(Language);
        Inventory = settings.InventoryPath is { } path
            ? InventoryFile.Load(path)
            : InventoryGenerator.Generate(settings.VmCount, settings.Seed, v1States: !Profile.HasV2Namespace, allStates: settings.AllStates);
        _files = new Lazy<HostFileStore>(() => HostFileStore.FromInventory(Inventory), LazyThreadSafetyMode.ExecutionAndPublication);
        _publisher.PublishHost(Profile, Language, ComputerName, now);
        _publisher.PublishVirtualMachines(CreateVmRecords(now), now);
        _publisher.PublishProcessorDefinitions(Profile);
    }

    /// <summary>The settings the host was built from.</summary>
    public HostSettings Settings { get; }

    /// <summary>The Windows release being simulated.</summary>
    public HostProfile Profile { get; }

    /// <summary>The host's UI language; <see cref="HostLanguage.Name"/> is what the wire writes as xml:lang.</summary>
    public HostLanguage Language { get; }

    /// <summary>The VMs the host started with (generated or loaded).</summary>
    public IReadOnlyList<VirtualMachineSpec> Inventory { get; }

    /// <summary>The host's files (images the VMs use, spare ISOs, disks made since); built on first use.</summary>
    public HostFileStore Files => _files.Value;

    /// <summary>The host's computer name (the value of <c>__SERVER</c>).</summary>
    public string ComputerName => Settings.ComputerName;

    /// <summary>The OS version string of the profile, e.g. <c>10.0.17763</c>.</summary>
    public string OsVersion => Profile.Version;

    /// <summary>The namespaces this profile has, e.g. <c>root/cimv2</c>, <c>root/virtualization/v2</c>.</summary>
    public IReadOnlyCollection<string> Namespaces => Profile.Namespaces;

    /// <summary>The schema of a class in a namespace. Throws <see cref="CimException"/> (InvalidNamespace, InvalidClass).</summary>
    public CimClassDefinition GetClass(string wmiNamespace, string className) => QueryExecutor.TableOf(Namespace(wmiNamespace), className).Class;

    /// <summary>Makes the next state-change job fail (JobState 10, ErrorCode 32768) with this description.</summary>
    public void FailNextJob(string errorDescription)
    {
        lock (_stateGate)
        {
            _failNextJob = errorDescription;
        }
    }

    /// <summary>Runs WQL (SELECT or ASSOCIATORS OF) in a namespace. Throws <see cref="CimException"/>.</summary>
    public QueryResult ExecuteQuery(string wmiNamespace, string wql)
    {
        var ns = Namespace(wmiNamespace);
        AdvanceJobs();
        WqlQuery query;
        try
        {
            query = WqlParser.Parse(wql ?? string.Empty);
        }
        catch (WqlSyntaxException ex)
        {
            throw new CimException(CimErrorKind.InvalidQuery, "Invalid query: " + ex.Message);
        }

        if (query is WqlSelectQuery counters)
        {
            RefreshCounters(ns, counters.ClassName);
            RefreshFiles(ns, counters.ClassName);
        }

        return query switch
        {
            WqlSelectQuery select => QueryExecutor.Select(ns, select, ComputerName),
            WqlAssociatorsQuery associators => new QueryResult(QueryExecutor.Associators(ns, associators), null),
            _ => throw new CimException(CimErrorKind.InvalidQuery, "Invalid query."),
        };
    }

    /// <summary>Every instance of a class (Enumerate on a class URI without a filter). Throws <see cref="CimException"/>.</summary>
    public IReadOnlyList<CimInstance> EnumerateInstances(string wmiNamespace, string className)
    {
        var ns = Namespace(wmiNamespace);
        AdvanceJobs();
        RefreshCounters(ns, className);
        RefreshFiles(ns, className);
        return QueryExecutor.TableOf(ns, className).Items.ToArray();
    }

    /// <summary>One instance by its key selectors (names and values case-insensitive). Throws <see cref="CimException"/>.</summary>
    public CimInstance GetInstance(string wmiNamespace, string className, IReadOnlyList<KeyValuePair<string, string>> selectors)
    {
        var ns = Namespace(wmiNamespace);
        AdvanceJobs();
        RefreshCounters(ns, className);
        RefreshFiles(ns, className);
        return SelectorResolver.Resolve(QueryExecutor.TableOf(ns, className), selectors);
    }

    /// <summary>
    /// Invokes a method. Instance methods get the key selectors; static ones none. Input values
    /// are <c>string</c> (simple text), <see cref="CimReference"/> (EPR parameters) or
    /// <c>IReadOnlyList&lt;object&gt;</c> (repeated elements). Throws <see cref="CimException"/>.
    /// </summary>
    public MethodResult InvokeMethod(string wmiNamespace, string className, IReadOnlyList<KeyValuePair<string, string>> selectors, string methodName, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        var ns = Namespace(wmiNamespace);
        AdvanceJobs();
        var table = QueryExecutor.TableOf(ns, className);
        var name = table.Class.Name;
        if (ns.IsVirtualization && name == "Msvm_ComputerSystem" && string.Equals(methodName, "RequestStateChange", StringComparison.OrdinalIgnoreCase))
        {
            return RequestStateChange(ns, SelectorResolver.Resolve(table, selectors), inputs);
        }

        if (ns.IsVirtualization && name == "Msvm_ShutdownComponent" && string.Equals(methodName, "InitiateShutdown", StringComparison.OrdinalIgnoreCase))
        {
            return InitiateShutdown(ns, SelectorResolver.Resolve(table, selectors), inputs);
        }

        if (ns.IsVirtualization && name == "Msvm_VirtualSystemManagementService" && string.Equals(methodName, "GetSummaryInformation", StringComparison.OrdinalIgnoreCase))
        {
            SelectorResolver.Resolve(table, selectors);
            return GetSummaryInformation(ns, inputs);
        }

        if (ns.IsVirtualization && !ns.IsV1 && name == "Msvm_VirtualSystemManagementService" && SettingsMethod(methodName) is { } modify)
        {
            SelectorResolver.Resolve(table, selectors);
            return modify(ns, inputs);
        }

        if (ns.IsVirtualization && name == "Msvm_VirtualSystemManagementService" && string.Equals(methodName, "GetVirtualSystemThumbnailImage", StringComparison.OrdinalIgnoreCase))
        {
            SelectorResolver.Resolve(table, selectors);
            return GetVirtualSystemThumbnailImage(ns, inputs);
        }

        if (ns.IsVirtualization && name == "Msvm_Keyboard")
        {
            return InvokeKeyboard(SelectorResolver.Resolve(table, selectors), methodName, inputs);
        }

        if (ns.IsVirtualization && name == SnapshotServiceClass)
        {
            SelectorResolver.Resolve(table, selectors);
            return InvokeSnapshotService(ns, methodName, inputs);
        }

        if (!ns.IsVirtualization && name == "CIM_DataFile")
        {
            RefreshFiles(ns, name);
            return InvokeDataFile(ns, SelectorResolver.Resolve(table, selectors), methodName);
        }

        if (ns.IsVirtualization && !ns.IsV1 && name == ImageServiceClass)
        {
            SelectorResolver.Resolve(table, selectors);
            return InvokeImageService(ns, methodName, inputs);
        }

        throw new CimException(CimErrorKind.InvalidMethod, $"The method '{methodName}' is not supported by {name}.");
    }

    private MethodResult RequestStateChange(HostNamespace ns, CimInstance target, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        var requestedText = InputText(inputs, "RequestedState");
        if (requestedText is null)
        {
            return new MethodResult(StateTransitions.InvalidParameter, []);
        }

        if (!ulong.TryParse(requestedText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var requested))
        {
            throw new CimException(CimErrorKind.InvalidParameter, $"RequestedState '{requestedText}' is not a number.", "InvalidValue");
        }

        lock (_stateGate)
        {
            if (!_vms.TryGetValue((string)target["Name"]!, out var vm))
            {
                // The host's own Msvm_ComputerSystem cannot change state.
                return new MethodResult(StateTransitions.NotSupported, []);
            }

            if (vm.Spec.RefuseStateChange is { } refusal)
            {
                return new MethodResult(refusal, []);
            }

            if (StateTransitions.NormalizeRequest(requested, ns.IsV1) is not { } request)
            {
                return new MethodResult(StateTransitions.InvalidParameter, []);
            }

            if (vm.ActiveJob is not null || StateTransitions.Plan(vm.State, request) is not { } plan)
            {
                return new MethodResult(StateTransitions.InvalidState(ns.IsV1), []);
            }

            var job = StartJob(ns, vm, request, plan.During, plan.Final);
            return new MethodResult(StateTransitions.JobStarted, [new("Job", job)]);
        }
    }

    private MethodResult InitiateShutdown(HostNamespace ns, CimInstance component, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        if (InputText(inputs, "Force") is { } force && !bool.TryParse(force.Trim(), out _))
        {
            throw new CimException(CimErrorKind.InvalidParameter, $"Force '{force}' is not a boolean.", "InvalidValue");
        }

        lock (_stateGate)
        {
            if (!_vms.TryGetValue((string)component["SystemName"]!, out var vm)
                || vm.ActiveJob is not null
                || vm.State != EnabledStates.Enabled)
            {
                return new MethodResult(StateTransitions.InvalidState(ns.IsV1), []);
            }

            var job = StartJob(ns, vm, StateTransitions.RequestTurnOff, EnabledStates.ShuttingDown, EnabledStates.Disabled);
            return new MethodResult(StateTransitions.JobStarted, [new("Job", job)]);
        }
    }

    private static string? InputText(IReadOnlyList<KeyValuePair<string, object?>> inputs, string name)
    {
        foreach (var input in inputs)
        {
            if (string.Equals(input.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return input.Value switch
                {
                    string s => s,
                    IReadOnlyList<object> list when list.Count > 0 => list[0] as string,
                    _ => null,
                };
            }
        }

        return null;
    }

    // Caller holds _stateGate.
    private CimReference StartJob(HostNamespace ns, VmRecord vm, ushort? request, ushort during, ushort final)
    {
        var now = Settings.Clock.GetUtcNow();
        var failure = _failNextJob ?? (vm.Spec.FailJobs ? "The virtual machine failed to change state (simulated failure)." : null);
        _failNextJob = null;
        var job = new JobRecord(Guid.NewGuid().ToString("D").ToUpperInvariant(), vm, ns.Name, vm.State, final, now, Settings.JobDuration, failure);
        vm.ActiveJob = job;
        vm.State = during;
        vm.TransitioningTo = final;
        vm.Requested = request;
        vm.LastStateChange = now;
        if (EnabledStates.HasWorkerProcess(during) && vm.ProcessId is null)
        {
            vm.ProcessId = AllocateProcessId();
        }

        _publisher.PublishVm(vm, now);
        _jobs.Add(job);
        Volatile.Write(ref _jobCount, _jobs.Count);
        var jobInstance = _jobFactory.Job(ns, job, now, CompletedJobLifetime);
        ns.Required("Msvm_ConcreteJob").Add(jobInstance);
        var system = ns.Required("Msvm_ComputerSystem").Find(InstanceKeys.FromSelectors(ns.Required("Msvm_ComputerSystem").Class, [new("CreationClassName", "Msvm_ComputerSystem"), new("Name", vm.Name)])!)!;
        var jobReference = InstanceKeys.ReferenceTo(jobInstance);
        ns.AddAssociations("Msvm_AffectedJobElement", [_jobFactory.AffectedJobElement(ns, InstanceKeys.ReferenceTo(system), jobReference)]);
        AdvanceJobsLocked(now);
        return jobReference;
    }

    private void AdvanceJobs()
    {
        if (Volatile.Read(ref _jobCount) == 0 && Volatile.Read(ref _guestBootCount) == 0)
        {
            return;
        }

        lock (_stateGate)
        {
            AdvanceJobsLocked(Settings.Clock.GetUtcNow());
        }
    }

    // Caller holds _stateGate. Bounded: one pass over the (small) job list.
    private void AdvanceJobsLocked(DateTimeOffset now)
    {
        for (var i = _jobs.Count - 1; i >= 0; i--)
        {
            var job = _jobs[i];
            var ns = _namespaces[job.Namespace];
            if (job.Finished is { } finished)
            {
                if (now - finished >= CompletedJobLifetime)
                {
                    RemoveJob(ns, job);
                    _jobs.RemoveAt(i);
                }

                continue;
            }

            if (now - job.Started >= job.Duration)
            {
                FinishJob(job, now);
            }
            else if (JobInstanceFactory.Percent(job, now) == job.PublishedPercent)
            {
                continue;
            }

            job.PublishedPercent = JobInstanceFactory.Percent(job, now);
            ns.Required(job.ClassName).Replace(_jobFactory.Job(ns, job, now, CompletedJobLifetime));
        }

        Volatile.Write(ref _jobCount, _jobs.Count);
        AdvanceGuestsLocked(now);
    }

    // Caller holds _stateGate. Guests that booted far enough now report their addresses; a VM
    // that stopped meanwhile was republished already and drops out.
    private void AdvanceGuestsLocked(DateTimeOffset now)
    {
        for (var i = _guestBoots.Count - 1; i >= 0; i--)
        {
            var (vm, due) = _guestBoots[i];
            if (GuestState.AddressesDue(vm, now, Settings.GuestBoot) is { } stillDue && stillDue == due)
            {
                continue;
            }

            _guestBoots.RemoveAt(i);
            _publisher.PublishGuest(vm, now);
        }

        Volatile.Write(ref _guestBootCount, _guestBoots.Count);
    }

    private void FinishJob(JobRecord job, DateTimeOffset now)
    {
        job.Finished = now;
        if (job.Vm is not { } vm)
        {
            return;
        }

        vm.State = job.Failure is null ? job.TargetState : job.FromState;
        vm.ActiveJob = null;
        vm.TransitioningTo = null;
        vm.Requested = null;
        vm.LastStateChange = now;
        if (!EnabledStates.HasWorkerProcess(vm.State))
        {
            vm.ProcessId = null;
            vm.RunningSince = null;
        }
        else
        {
            vm.ProcessId ??= AllocateProcessId();
            if (vm.State == EnabledStates.Enabled && job.FromState != EnabledStates.Quiesce && job.FromState != EnabledStates.Enabled)
            {
                vm.RunningSince ??= now;
            }
        }

        _publisher.PublishVm(vm, now);
        if (GuestState.AddressesDue(vm, now, Settings.GuestBoot) is { } due)
        {
            _guestBoots.Add((vm, due));
            Volatile.Write(ref _guestBootCount, _guestBoots.Count);
        }
    }

    private void RemoveJob(HostNamespace ns, JobRecord job)
    {
        ns.Required(job.ClassName).Remove(job.InstanceId);
        var jobText = InstanceKeys.ReferenceText(new CimReference(ns.Required(job.ClassName).Class.ResourceUri, [new("InstanceID", job.InstanceId)]));
        foreach (var association in ns.AssociationsOf(jobText))
        {
            ns.RemoveAssociation(association);
        }
    }

    // Performance counters grow with time: their rows are rebuilt for the moment they are read.
    private void RefreshCounters(HostNamespace ns, string className)
    {
        if (!string.Equals(className, VirtualProcessorCounters.ClassName, StringComparison.OrdinalIgnoreCase) || ns.Table(className) is not { } table)
        {
            return;
        }

        lock (_stateGate)
        {
            table.ReplaceAll(VirtualProcessorCounters.Rows(ns, _vms.Values, _publisher.BootTime, Settings.Clock.GetUtcNow()));
        }
    }

    private uint AllocateProcessId()
    {
        var pid = _nextProcessId;
        _nextProcessId += 4; // Windows process ids are multiples of 4.
        return pid;
    }

    // The VMs' mutable records; generated process ids start past any the inventory gives.
    private List<VmRecord> CreateVmRecords(DateTimeOffset now)
    {
        var firstFreePid = 1000u + (uint)(Math.Abs(Settings.Seed % 500) * 4);
        foreach (var spec in Inventory)
        {
            if (spec.ProcessId is { } given && given >= firstFreePid)
            {
                firstFreePid = given + 4 - (given % 4);
            }
        }

        _nextProcessId = firstFreePid;
        var created = now.AddDays(-30);
        var records = new List<VmRecord>(Inventory.Count);
        foreach (var spec in Inventory)
        {
            var vm = new VmRecord(spec, created);
            if (EnabledStates.HasWorkerProcess(vm.State))
            {
                vm.ProcessId = spec.ProcessId ?? AllocateProcessId();
                vm.RunningSince = vm.State == EnabledStates.Enabled ? now.AddHours(-1 - (records.Count % 48)) : null;
            }

            _vms[vm.Name] = vm;
            records.Add(vm);
        }

        return records;
    }

    /// <summary>A VM's live record by name (for tests of the guest's view).</summary>
    internal VmRecord VmForTests(string name) => _vms.Values.Single(vm => vm.Spec.Name == name);

    /// <summary>A namespace's tables (for tests that look at what has been built).</summary>
    internal HostNamespace NamespaceOf(string wmiNamespace) => Namespace(wmiNamespace);

    private HostNamespace Namespace(string wmiNamespace)
    {
        var normalized = (wmiNamespace ?? string.Empty).Replace('\\', '/').Trim('/');
        return _namespaces.TryGetValue(normalized, out var ns)
            ? ns
            : throw new CimException(CimErrorKind.InvalidNamespace, $"Invalid namespace: {wmiNamespace} does not exist on this host ({Profile.Name}).");
    }
}
