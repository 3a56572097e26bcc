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
public sealed class SimulatedHost
{
    /// <summary>How long a finished job stays queryable before it vanishes.</summary>
    public static readonly TimeSpan CompletedJobLifetime = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, HostNamespace> _namespaces = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HostNamespace> _virtualizationNamespaces = [];
    private readonly Dictionary<string, VmRecord> _vms = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<HostNamespace, VmInstanceFactory> _vmFactories = [];
    private readonly JobInstanceFactory _jobFactory;
    private readonly object _stateGate = new();
    private readonly List<JobRecord> _jobs = [];
    private int _jobCount;
    private uint _nextProcessId;
    private string? _failNextJob;

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
        foreach (var name in Profile.Namespaces)
        {
            var ns = new HostNamespace(name);
            _namespaces[name] = ns;
            if (ns.IsVirtualization)
            {
                _virtualizationNamespaces.Add(ns);
                _vmFactories[ns] = new VmInstanceFactory(ns, Language);
            }
        }

        _jobFactory = new JobInstanceFactory(Language);
        Inventory = settings.InventoryPath is { } path
            ? InventoryFile.Load(path)
            : InventoryGenerator.Generate(settings.VmCount, settings.Seed, v1States: !Profile.HasV2Namespace, allStates: settings.AllStates);
        PublishHost(now);
        PublishVirtualMachines(now);
    }

    /// <summary>The settings the host was built from.</summary>
    public HostSettings Settings { get; }

    /// <summary>The Windows release being simulated.</summary>
    public HostProfile Profile { get; }

    /// <summary>The host's UI language; <see cref="HostLanguage.Name"/> is what the wire writes as xml:lang.</summary>
    public HostLanguage Language { get; }

    /// <summary>The VMs the host started with (generated or loaded).</summary>
    public IReadOnlyList<VirtualMachineSpec> Inventory { get; }

    /// <summary>The host's computer name (the value of <c>__SERVER</c>).</summary>
    public string ComputerName => Settings.ComputerName;

    /// <summary>The OS version string of the profile, e.g. <c>10.0.17763</c>.</summary>
    public string OsVersion => Profile.Version;

    /// <summary>The namespaces this profile has, e.g. <c>root/cimv2</c>, <c>root/virtualization/v2</c>.</summary>
    public IReadOnlyCollection<string> Namespaces => Profile.Namespaces;

    /// <summary>The schema of a class in a namespace. Throws <see cref="CimException"/> (InvalidNamespace, InvalidClass).</summary>
    public CimClassDefinition GetClass(string wmiNamespace, string className) => TableOf(Namespace(wmiNamespace), className).Class;

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

        return query switch
        {
            WqlSelectQuery select => ExecuteSelect(ns, select),
            WqlAssociatorsQuery associators => new QueryResult(ExecuteAssociators(ns, associators), null),
            _ => throw new CimException(CimErrorKind.InvalidQuery, "Invalid query."),
        };
    }

    /// <summary>Every instance of a class (Enumerate on a class URI without a filter). Throws <see cref="CimException"/>.</summary>
    public IReadOnlyList<CimInstance> EnumerateInstances(string wmiNamespace, string className)
    {
        var ns = Namespace(wmiNamespace);
        AdvanceJobs();
        return TableOf(ns, className).Items.ToArray();
    }

    /// <summary>One instance by its key selectors (names and values case-insensitive). Throws <see cref="CimException"/>.</summary>
    public CimInstance GetInstance(string wmiNamespace, string className, IReadOnlyList<KeyValuePair<string, string>> selectors)
    {
        var ns = Namespace(wmiNamespace);
        AdvanceJobs();
        return SelectorResolver.Resolve(TableOf(ns, className), selectors);
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
        var table = TableOf(ns, className);
        var name = table.Class.Name;
        if (ns.IsVirtualization && name == "Msvm_ComputerSystem" && string.Equals(methodName, "RequestStateChange", StringComparison.OrdinalIgnoreCase))
        {
            return RequestStateChange(ns, SelectorResolver.Resolve(table, selectors), inputs);
        }

        if (ns.IsVirtualization && name == "Msvm_ShutdownComponent" && string.Equals(methodName, "InitiateShutdown", StringComparison.OrdinalIgnoreCase))
        {
            return InitiateShutdown(ns, SelectorResolver.Resolve(table, selectors), inputs);
        }

        throw new CimException(CimErrorKind.InvalidMethod, $"The method '{methodName}' is not supported by {name}.");
    }

    private QueryResult ExecuteSelect(HostNamespace ns, WqlSelectQuery select)
    {
        var table = TableOf(ns, select.ClassName);
        var cimClass = table.Class;
        IReadOnlyList<string>? selected = null;
        if (select.Properties is { } properties)
        {
            selected = properties.Select(p =>
            {
                var index = cimClass.IndexOf(p);
                return index >= 0
                    ? cimClass.Properties[index].Name
                    : throw new CimException(CimErrorKind.InvalidQuery, $"Invalid query: '{p}' is not a property of {cimClass.Name}.");
            }).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        }

        var context = new WqlQueryContext(ComputerName, ns.Catalog.ParentOf);
        var items = table.Items;
        if (select.Where is null)
        {
            return new QueryResult(items.ToArray(), selected);
        }

        var predicate = WqlPredicateCompiler.Compile(select.Where, cimClass, context);
        var matches = new List<CimInstance>();
        foreach (var instance in items)
        {
            if (predicate(instance))
            {
                matches.Add(instance);
            }
        }

        return new QueryResult(matches, selected);
    }

    private List<CimInstance> ExecuteAssociators(HostNamespace ns, WqlAssociatorsQuery query)
    {
        var sourceTable = TableOf(ns, query.Source.ClassName);
        var selectors = query.Source.Keys
            .Select(k => k.Key.Length == 0 && sourceTable.Class.Keys.Count == 1 ? new KeyValuePair<string, string>(sourceTable.Class.Keys[0], k.Value) : k)
            .ToArray();
        CimInstance source;
        try
        {
            source = SelectorResolver.Resolve(sourceTable, selectors);
        }
        catch (CimException ex) when (ex.Kind == CimErrorKind.InvalidSelectors)
        {
            throw new CimException(CimErrorKind.InvalidQuery, "Invalid object path: " + ex.Message);
        }

        if (query.AssocClass is { } assocClass)
        {
            TableOf(ns, assocClass);
        }

        if (query.ResultClass is { } resultClass && ns.Catalog.Find(resultClass) is null)
        {
            throw new CimException(CimErrorKind.InvalidClass, $"Invalid class: {resultClass}.");
        }

        var sourceText = InstanceKeys.ReferenceText(InstanceKeys.ReferenceTo(source));
        var results = new List<CimInstance>();
        var seen = new HashSet<CimInstance>(ReferenceEqualityComparer.Instance);
        foreach (var association in ns.AssociationsOf(sourceText))
        {
            var associationClass = association.Class;
            if (query.AssocClass is not null && !ns.Catalog.IsSameOrDerived(associationClass.Name, query.AssocClass))
            {
                continue;
            }

            // Find which end is the source (Role), then collect the other ends (ResultRole).
            var sourceEnds = new List<int>();
            for (var i = 0; i < associationClass.Properties.Count; i++)
            {
                if (association.GetValue(i) is CimReference r
                    && string.Equals(InstanceKeys.ReferenceText(r), sourceText, StringComparison.OrdinalIgnoreCase)
                    && (query.Role is null || string.Equals(associationClass.Properties[i].Name, query.Role, StringComparison.OrdinalIgnoreCase)))
                {
                    sourceEnds.Add(i);
                }
            }

            if (sourceEnds.Count == 0)
            {
                continue;
            }

            if (query.IsReferences)
            {
                if ((query.ResultClass is null || ns.Catalog.IsSameOrDerived(associationClass.Name, query.ResultClass)) && seen.Add(association))
                {
                    results.Add(association);
                }

                continue;
            }

            for (var i = 0; i < associationClass.Properties.Count; i++)
            {
                if (sourceEnds.Contains(i) || association.GetValue(i) is not CimReference other)
                {
                    continue;
                }

                if (query.ResultRole is not null && !string.Equals(associationClass.Properties[i].Name, query.ResultRole, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var target = Dereference(ns, other);
                if (target is null || (query.ResultClass is not null && !ns.Catalog.IsSameOrDerived(target.Class.Name, query.ResultClass)))
                {
                    continue;
                }

                if (seen.Add(target))
                {
                    results.Add(target);
                }
            }
        }

        return results;
    }

    private static CimInstance? Dereference(HostNamespace ns, CimReference reference)
    {
        var className = reference.ResourceUri[(reference.ResourceUri.LastIndexOf('/') + 1)..];
        var table = ns.Table(className);
        var key = table is null ? null : InstanceKeys.FromSelectors(table.Class, reference.Selectors);
        return key is null ? null : table!.Find(key);
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
    private CimReference StartJob(HostNamespace ns, VmRecord vm, ushort request, ushort during, ushort final)
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

        PublishVm(vm, now);
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
        if (Volatile.Read(ref _jobCount) == 0)
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
            ns.Required("Msvm_ConcreteJob").Replace(_jobFactory.Job(ns, job, now, CompletedJobLifetime));
        }

        Volatile.Write(ref _jobCount, _jobs.Count);
    }

    private void FinishJob(JobRecord job, DateTimeOffset now)
    {
        var vm = job.Vm;
        job.Finished = now;
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

        PublishVm(vm, now);
    }

    private void RemoveJob(HostNamespace ns, JobRecord job)
    {
        ns.Required("Msvm_ConcreteJob").Remove(job.InstanceId);
        var jobText = InstanceKeys.ReferenceText(new CimReference(ns.Required("Msvm_ConcreteJob").Class.ResourceUri, [new("InstanceID", job.InstanceId)]));
        foreach (var association in ns.AssociationsOf(jobText))
        {
            ns.RemoveAssociation(association);
        }
    }

    private uint AllocateProcessId()
    {
        var pid = _nextProcessId;
        _nextProcessId += 4; // Windows process ids are multiples of 4.
        return pid;
    }

    private void PublishHost(DateTimeOffset now)
    {
        var hostFactory = new HostInstanceFactory(Profile, Language, ComputerName, now);
        var cimv2 = _namespaces[HostProfile.Cimv2Namespace];
        cimv2.Required("Win32_OperatingSystem").Add(hostFactory.OperatingSystem(cimv2));
        cimv2.Required("Win32_ComputerSystem").Add(hostFactory.ComputerSystem(cimv2));
        cimv2.Required("Win32_ComputerSystemProduct").Add(hostFactory.ComputerSystemProduct(cimv2));
        cimv2.Required("Win32_Processor").AddRange(hostFactory.Processors(cimv2).ToArray());
        foreach (var ns in _virtualizationNamespaces)
        {
            ns.Required("Msvm_ComputerSystem").Add(hostFactory.HostComputerSystem(ns));
            ns.Required("Msvm_VirtualSystemManagementService").Add(hostFactory.ManagementService(ns));
        }
    }

    private void PublishVirtualMachines(DateTimeOffset now)
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

        foreach (var ns in _virtualizationNamespaces)
        {
            var factory = _vmFactories[ns];
            var systems = new CimInstance[records.Count];
            var settings = new CimInstance[records.Count];
            var processors = new CimInstance[records.Count];
            var memories = new CimInstance[records.Count];
            var shutdowns = new List<CimInstance>(records.Count);
            var defineStates = new CimInstance[records.Count];
            var components = new CimInstance[records.Count * 2];
            for (var i = 0; i < records.Count; i++)
            {
                var vm = records[i];
                systems[i] = factory.ComputerSystem(vm, now);
                settings[i] = factory.SystemSettings(vm);
                processors[i] = factory.ProcessorSettings(vm);
                memories[i] = factory.MemorySettings(vm);
                if (vm.Spec.IntegrationServices)
                {
                    shutdowns.Add(factory.ShutdownComponent(vm));
                }

                var settingsReference = InstanceKeys.ReferenceTo(settings[i]);
                defineStates[i] = factory.SettingsDefineState(InstanceKeys.ReferenceTo(systems[i]), settingsReference);
                components[2 * i] = factory.SettingDataComponent(settingsReference, InstanceKeys.ReferenceTo(processors[i]));
                components[(2 * i) + 1] = factory.SettingDataComponent(settingsReference, InstanceKeys.ReferenceTo(memories[i]));
            }

            ns.Required("Msvm_ComputerSystem").AddRange(systems);
            ns.Required("Msvm_VirtualSystemSettingData").AddRange(settings);
            ns.Required("Msvm_ProcessorSettingData").AddRange(processors);
            ns.Required("Msvm_MemorySettingData").AddRange(memories);
            ns.Required("Msvm_ShutdownComponent").AddRange(shutdowns);
            ns.AddAssociations("Msvm_SettingsDefineState", defineStates);
            ns.AddAssociations("Msvm_VirtualSystemSettingDataComponent", components);
        }
    }

    // Caller holds _stateGate (or is the constructor).
    private void PublishVm(VmRecord vm, DateTimeOffset now)
    {
        foreach (var ns in _virtualizationNamespaces)
        {
            var factory = _vmFactories[ns];
            ns.Required("Msvm_ComputerSystem").Replace(factory.ComputerSystem(vm, now));
            ns.Required("Msvm_VirtualSystemSettingData").Replace(factory.SystemSettings(vm));
            if (vm.Spec.IntegrationServices)
            {
                ns.Required("Msvm_ShutdownComponent").Replace(factory.ShutdownComponent(vm));
            }
        }
    }

    private HostNamespace Namespace(string wmiNamespace)
    {
        var normalized = (wmiNamespace ?? string.Empty).Replace('\\', '/').Trim('/');
        return _namespaces.TryGetValue(normalized, out var ns)
            ? ns
            : throw new CimException(CimErrorKind.InvalidNamespace, $"Invalid namespace: {wmiNamespace} does not exist on this host ({Profile.Name}).");
    }

    private static ClassTable TableOf(HostNamespace ns, string className) =>
        ns.Table(className) ?? throw new CimException(CimErrorKind.InvalidClass, $"Invalid class: {className} does not exist in {ns.Name}.");
}
