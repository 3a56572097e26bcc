namespace HyperVLibvirt.Simulator.Model;

/// <summary>What a virtual drive holds (see DEVICES.md).</summary>
public enum DriveKind
{
    /// <summary>A synthetic disk drive with a VHD or VHDX file.</summary>
    VirtualHardDisk,

    /// <summary>A DVD drive with an ISO file.</summary>
    DvdImage,

    /// <summary>A DVD drive with no medium.</summary>
    EmptyDvd,

    /// <summary>A host disk passed through (Msvm_DiskDrive as HostResource).</summary>
    PassThrough,
}

/// <summary>One drive on a controller: IDE channel or SCSI controller index, location on it, and the file (or host drive number) behind it.</summary>
/// <param name="Kind">What the drive holds.</param>
/// <param name="Controller">IDE channel (0/1, generation 1) or SCSI controller index (generation 2).</param>
/// <param name="Location">AddressOnParent on that controller.</param>
/// <param name="Path">VHD/VHDX/ISO path; for a pass-through disk the host disk number, or null for the host's next offline disk; null for an empty DVD (and for a disk drive added without its image).</param>
/// <param name="Scsi">Whether the drive is on a SCSI controller of a generation 1 VM (<paramref name="Controller"/> is then that controller's slot); a generation 2 VM's drives are always on SCSI.</param>
public sealed record DriveLayout(DriveKind Kind, int Controller, int Location, string? Path, bool Scsi = false);

/// <summary>A synthetic network adapter.</summary>
/// <param name="Id">The adapter GUID inside its InstanceIDs.</param>
/// <param name="MacAddress">Twelve hex digits, no separators, as Hyper-V writes Address.</param>
/// <param name="StaticMac">Whether the MAC address is static.</param>
/// <param name="SwitchName">The switch (ElementName) it is connected to, or null when disconnected.</param>
/// <param name="HasConnection">Whether the adapter has its Msvm_EthernetPortAllocationSettingData (a disconnected one has it, empty); an adapter added by AddResourceSettings has none until its connection is added.</param>
public sealed record NicLayout(Guid Id, string MacAddress, bool StaticMac, string? SwitchName, bool HasConnection = true);

/// <summary>A COM port and the named pipe it is connected to (null when not connected).</summary>
public sealed record SerialPortLayout(int Port, string? Pipe);

/// <summary>
/// The virtual hardware of one VM: generation, drives, floppy, NICs, serial ports. Derived from
/// the VM id (so a VM keeps its hardware whatever else the inventory holds) unless the inventory
/// gives it (INVENTORY.md).
/// </summary>
/// <param name="Generation">1 (BIOS: two IDE channels, floppy, S3 video) or 2 (UEFI: SCSI, synthetic video).</param>
/// <param name="Drives">Drives in controller order.</param>
/// <param name="FloppyImage">The .vfd image in the floppy drive of a generation 1 VM, or null (the drive is there, empty).</param>
/// <param name="Nics">Network adapters.</param>
/// <param name="SerialPorts">COM1 and COM2.</param>
/// <param name="ScsiControllers">The slots of the VM's SCSI controllers (each slot names a controller's InstanceID for good); null for what a generated or inventory VM has: none on generation 1, on generation 2 as many as its drives use (at least one).</param>
public sealed record VmDeviceLayout(int Generation, IReadOnlyList<DriveLayout> Drives, string? FloppyImage, IReadOnlyList<NicLayout> Nics, IReadOnlyList<SerialPortLayout> SerialPorts, IReadOnlyList<int>? ScsiControllers = null)
{
    /// <summary>
    /// What Msvm_VirtualSystemManagementService.DefineSystem gives a new VM: generation 1 two IDE channels and the
    /// diskette controller and drive (empty), generation 2 no controller at all; both COM 1 and COM 2 unconnected; no
    /// drive, no network adapter (New-VM adds a generation 2 VM's SCSI controller itself, DefineSystem does not).
    /// </summary>
    public static VmDeviceLayout Defined(int generation) =>
        new(generation, [], null, [], [new SerialPortLayout(1, null), new SerialPortLayout(2, null)], []);

    /// <summary>The slots of the SCSI controllers the VM has (see <see cref="ScsiControllers"/>).</summary>
    public IReadOnlyList<int> ScsiSlots =>
        ScsiControllers ?? (Generation == 1 ? [] : Enumerable.Range(0, Drives.Count == 0 ? 1 : Drives.Max(d => d.Controller) + 1).ToArray());

    /// <summary>Whether a drive is on a SCSI controller (every drive of generation 2).</summary>
    public bool OnScsi(DriveLayout drive) => Generation == 2 || drive.Scsi;

    /// <summary>Where generated VHDX files live, as Hyper-V's default virtual hard disk path.</summary>
    public const string VirtualHardDiskFolder = @"C:\ProgramData\Microsoft\Windows\Virtual Hard Disks";

    /// <summary>Where generated ISO images live.</summary>
    public const string IsoFolder = @"C:\ISO";

    private static readonly string[] IsoImages =
    [
        "en-us_windows_server_2022_x64_dvd.iso",
        "ubuntu-24.04-live-server-amd64.iso",
        "debian-12.7.0-amd64-netinst.iso",
    ];

    /// <summary>Hyper-V's dynamic MAC range prefix (00-15-5D).</summary>
    public const string MacPrefix = "00155D";

    /// <summary>The hardware a VM gets when the inventory does not say: a function of its id only.</summary>
    /// <param name="id">The VM id.</param>
    /// <param name="name">The VM name, for file names.</param>
    /// <param name="switchNames">The host's connectable switches, in order; NICs pick from them.</param>
    public static VmDeviceLayout Derive(Guid id, string name, IReadOnlyList<string> switchNames)
    {
        // The generated ids are random bytes (InventoryGenerator) or a SHA-256 (InventoryFile), so
        // their bytes are uniform; bytes 7 and 8 carry the version and variant and are skipped.
        var b = id.ToByteArray();
        var generation = DerivedGeneration(id);
        var drives = new List<DriveLayout>();
        var bootDisk = $@"{VirtualHardDiskFolder}\{name}.vhdx";
        if (generation == 1)
        {
            drives.Add(new DriveLayout(DriveKind.VirtualHardDisk, 0, 0, bootDisk));
            drives.Add(DvdFor(b[1], 1, 0));
        }
        else
        {
            drives.Add(new DriveLayout(DriveKind.VirtualHardDisk, 0, 0, bootDisk));
            if (b[2] % 2 == 0)
            {
                drives.Add(new DriveLayout(DriveKind.VirtualHardDisk, 0, 1, $@"{VirtualHardDiskFolder}\{name}-data.vhdx"));
            }

            drives.Add(DvdFor(b[1], 0, drives.Count));
        }

        if (b[3] % 5 == 0)
        {
            // A host disk passed through (the host hands out its next offline disk): generation 1
            // on the second IDE channel, generation 2 next on SCSI.
            drives.Add(generation == 1
                ? new DriveLayout(DriveKind.PassThrough, 1, 1, null)
                : new DriveLayout(DriveKind.PassThrough, 0, drives.Count, null));
        }

        var nics = new List<NicLayout>();
        var nicCount = 1 + (b[5] % 4 == 0 ? 1 : 0);
        for (var n = 0; n < nicCount; n++)
        {
            // Disconnected adapters: one in six first adapters, every second adapter that is the odd one out.
            var disconnected = switchNames.Count == 0 || (n == 0 ? b[6] % 6 == 0 : b[6] % 2 == 0);
            var switchName = disconnected ? null : switchNames[(b[9] + n) % switchNames.Count];
            nics.Add(new NicLayout(NicId(id, n), MacFor(b, n), StaticMac: b[10] % 4 == 0, switchName));
        }

        // COM ports exist on every VM; some are connected to a named pipe (for a serial console).
        var serial = new List<SerialPortLayout>
        {
            new(1, b[11] % 3 == 0 ? $@"\\.\pipe\{name}-com1" : null),
            new(2, b[11] % 9 == 0 ? $@"\\.\pipe\{name}-com2" : null),
        };
        var floppy = generation == 1 && b[12] % 4 == 0 ? $@"{VirtualHardDiskFolder}\{name}-floppy.vfd" : null;
        return new VmDeviceLayout(generation, drives, floppy, nics, serial);
    }

    /// <summary>A VM's generation: the inventory's, else one VM in three is generation 1.</summary>
    public static int GenerationOf(VirtualMachineSpec spec) => spec.Devices?.Generation ?? DerivedGeneration(spec.Id);

    /// <summary>The layout of a VM: the inventory's, else derived from its id.</summary>
    public static VmDeviceLayout For(VirtualMachineSpec spec, IReadOnlyList<string> switchNames) => spec.Devices ?? Derive(spec.Id, spec.Name, switchNames);

    private static int DerivedGeneration(Guid id) => id.ToByteArray()[0] % 3 == 0 ? 1 : 2;

    /// <summary>The GUID of a VM's n-th network adapter (stable, distinct per VM).</summary>
    public static Guid NicId(Guid vmId, int index) => StableGuid.From($"nic:{vmId:D}:{index}");

    private static DriveLayout DvdFor(byte selector, int controller, int location) =>
        selector % 3 == 0
            ? new DriveLayout(DriveKind.EmptyDvd, controller, location, null)
            : new DriveLayout(DriveKind.DvdImage, controller, location, $@"{IsoFolder}\{IsoImages[selector % IsoImages.Length]}");

    /// <summary>The dynamic MAC address of a VM's n-th adapter: 00-15-5D, then three bytes from the id.</summary>
    public static string MacFor(Guid vmId, int index) => MacFor(vmId.ToByteArray(), index);

    // The last byte steps per adapter.
    private static string MacFor(byte[] b, int index) =>
        $"{MacPrefix}{b[13]:X2}{b[14]:X2}{(byte)(b[15] + index):X2}";
}
