using System.Security.Cryptography;
using System.Text;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Builds VMs' snapshot trees in a v2 namespace, as Hyper-V keeps checkpoints: each snapshot is an
/// Msvm_VirtualSystemSettingData of type <c>Microsoft:Hyper-V:Snapshot:Realized</c> (InstanceID
/// <c>Microsoft:&lt;snapshot GUID&gt;</c>, VirtualSystemIdentifier the VM's GUID, Parent the object path of its
/// parent snapshot, null for a root), joined to the VM by Msvm_SnapshotOfVirtualSystem, to its parent by
/// Msvm_ParentChildSettingData, and the VM's current snapshot by Msvm_MostCurrentSnapshotInBranch. Snapshots are
/// never associated by Msvm_SettingsDefineState, which names only the realized settings.
/// </summary>
/// <remarks>
/// The tree's shape follows from the VM's GUID (none, one, a chain of three, or a branch), so the stock inventory
/// keeps every value it had and each VM always gets the same tree; the snapshots' GUIDs are hashed from the VM's,
/// and their creation times are fixed dates in 2025 (a generated VM's own creation time moves with the clock).
/// </remarks>
internal sealed class SnapshotInstanceFactory
{
    private const string SnapshotType = "Microsoft:Hyper-V:Snapshot:Realized";

    // Fixed, so creation times (and the snapshot XML that carries them) read the same in every run and help example.
    private static readonly DateTimeOffset FirstSnapshotDay = new(2025, 3, 3, 9, 30, 0, TimeSpan.Zero);

    // Parent index (-1 for a root), days after the first snapshot day, whether it holds memory (taken while running).
    private static readonly Shape[][] Shapes =
    [
        [],
        [new("baseline", -1, 1, false)],
        [new("baseline", -1, 1, false), new("patched", 0, 8, false), new("pre-upgrade", 1, 20, true)],
        [new("baseline", -1, 2, false), new("test-a", 0, 10, true), new("test-b", 0, 12, false), new("test-b2", 2, 15, false)],
    ];

    // The snapshot each shape's VM runs from: the chain's last, the branch's deepest leaf.
    private static readonly int[] CurrentIndex = [-1, 0, 2, 3];

    private readonly HostNamespace _ns;
    private readonly VmInstanceFactory _settings;
    private readonly string _computerName;

    public SnapshotInstanceFactory(HostNamespace ns, VmInstanceFactory settings, string computerName)
    {
        _ns = ns;
        _settings = settings;
        _computerName = computerName;
    }

    /// <summary>The VM's snapshot VSSDs (parents before children) and the associations that join them, for a VM in <paramref name="system"/>.</summary>
    public (IReadOnlyList<CimInstance> Settings, IReadOnlyList<CimInstance> OfSystem, IReadOnlyList<CimInstance> ParentChild, CimInstance? MostCurrent) Build(VmRecord vm, CimInstance system)
    {
        var shapeIndex = ShapeOf(vm);
        var shape = Shapes[shapeIndex];
        var settings = new CimInstance[shape.Length];
        var ofSystem = new List<CimInstance>(shape.Length);
        var parentChild = new List<CimInstance>();
        var systemReference = InstanceKeys.ReferenceTo(system);
        for (var i = 0; i < shape.Length; i++)
        {
            settings[i] = Snapshot(vm, i, shape[i], shape[i].Parent >= 0 ? settings[shape[i].Parent] : null);
            var reference = InstanceKeys.ReferenceTo(settings[i]);
            ofSystem.Add(Association("Msvm_SnapshotOfVirtualSystem", systemReference, reference));
            if (shape[i].Parent >= 0)
            {
                parentChild.Add(Association("Msvm_ParentChildSettingData", InstanceKeys.ReferenceTo(settings[shape[i].Parent]), reference));
            }
        }

        var current = CurrentIndex[shapeIndex];
        var mostCurrent = current < 0 ? null : Association("Msvm_MostCurrentSnapshotInBranch", systemReference, InstanceKeys.ReferenceTo(settings[current]));
        return (settings, ofSystem, parentChild, mostCurrent);
    }

    private CimInstance Snapshot(VmRecord vm, int index, Shape shape, CimInstance? parent) =>
        Taken(vm, SnapshotId(vm, index), shape.Name, FirstSnapshotDay.AddDays(shape.Day), shape.WithMemory, parent);

    /// <summary>A snapshot's settings: the VM's present ones (what it has when taken) under the snapshot's own identity.</summary>
    public CimInstance Taken(VmRecord vm, Guid snapshotId, string name, DateTimeOffset created, bool withMemory, CimInstance? parent)
    {
        var s = _settings.SystemSettings(vm);
        var id = snapshotId.ToString("D").ToUpperInvariant();
        s["InstanceID"] = "Microsoft:" + id;
        s["ElementName"] = name;
        s["Description"] = "Snapshot settings for the virtual machine.";
        s["VirtualSystemType"] = SnapshotType;
        s["ConfigurationID"] = id;
        s["ConfigurationFile"] = (string)s["SnapshotDataRoot"]! + @"\Snapshots\" + id + ".vmcx";
        s["CreationTime"] = created;
        s["IsSaved"] = CimValues.Bool(withMemory);
        s["Parent"] = parent is null ? null : ObjectPath(parent);
        return s;
    }

    /// <summary>The host's one Msvm_VirtualSystemSnapshotService (keys as Msvm_VirtualSystemManagementService's).</summary>
    public CimInstance Service() =>
        HostServiceInstance.Create(_ns, _computerName, "Msvm_VirtualSystemSnapshotService", "Hyper-V Virtual System Snapshot Service",
            "Service for managing virtual system snapshots", "vssnapsvc");

    // The WMI object path Hyper-V writes in Parent: \\HOST\root\virtualization\v2:Msvm_VirtualSystemSettingData.InstanceID="…".
    public string ObjectPath(CimInstance settings) =>
        @"\\" + _computerName + @"\" + _ns.Name.Replace('/', '\\') + ":Msvm_VirtualSystemSettingData.InstanceID=\""
        + ((string)settings["InstanceID"]!).Replace(@"\", @"\\") + "\"";

    public CimInstance Association(string className, CimReference antecedent, CimReference dependent)
    {
        var a = _ns.New(className);
        a["Antecedent"] = antecedent;
        a["Dependent"] = dependent;
        return a;
    }

    private static int ShapeOf(VmRecord vm) => vm.Defined ? 0 : vm.Spec.Id.ToByteArray().Aggregate(7, (sum, b) => (sum * 31) + b) & 3;

    private static Guid SnapshotId(VmRecord vm, int index)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(vm.Name + "/snapshot/" + index));
        return new Guid(hash.AsSpan(0, 16));
    }

    private sealed record Shape(string Name, int Parent, int Day, bool WithMemory);
}
