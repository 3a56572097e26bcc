using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.DomainXml;

/// <summary>
/// Device settings shaped like a real host's: InstanceIDs <c>Microsoft:&lt;VM&gt;\&lt;device&gt;\…</c>, Parent and
/// HostResource as WMI paths with doubled backslashes, nil scalars present as nil (as in the RASD capture).
/// </summary>
internal static class DeviceCim
{
    public const string Host = "HV01";

    public static CimObject Object(string className, params (string Name, object? Value)[] properties) =>
        new(className, null, properties.Select(p => new CimProperty(p.Name, p.Value switch
        {
            null => CimValue.Null,
            string[] items => CimValue.FromArray(items.Select(CimValue.FromText).ToArray()),
            _ => CimValue.FromText(p.Value.ToString()!),
        })).ToArray());

    /// <summary>The Parent path Hyper-V writes for a RASD InstanceID.</summary>
    public static string PathOf(string instanceId) =>
        $@"\\{Host}\root\virtualization\v2:Msvm_ResourceAllocationSettingData.InstanceID=""{instanceId.Replace(@"\", @"\\")}""";

    public static CimObject Rasd(string instanceId, ushort resourceType, string subType, string? address = null, string? parent = null,
        string? addressOnParent = null, string[]? hostResource = null, string? elementName = null, string[]? connection = null) =>
        Object("Msvm_ResourceAllocationSettingData",
            ("Address", address),
            ("AddressOnParent", addressOnParent),
            ("Connection", connection),
            ("ElementName", elementName),
            ("HostResource", hostResource),
            ("InstanceID", instanceId),
            ("Parent", parent is null ? null : PathOf(parent)),
            ("ResourceSubType", subType),
            ("ResourceType", resourceType.ToString()));

    public static CimObject Sasd(string instanceId, string parent, string path, string subType = "Microsoft:Hyper-V:Virtual Hard Disk") =>
        Object("Msvm_StorageAllocationSettingData",
            ("HostResource", new[] { path }),
            ("InstanceID", instanceId),
            ("Parent", PathOf(parent)),
            ("ResourceSubType", subType),
            ("ResourceType", "31"));
}
