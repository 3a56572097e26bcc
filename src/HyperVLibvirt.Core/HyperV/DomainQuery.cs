using System.Globalization;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// WQL for Msvm_ComputerSystem VM lookups, in the shapes libvirt 9 sends (without libvirt's
/// trailing spaces, which WMI does not need).
/// </summary>
/// <remarks>
/// <para>VMs are told apart from the host by <c>Name != __SERVER</c> (the host instance's Name is
/// the computer name), which is locale-independent.</para>
/// <para>Deviation from libvirt: libvirt's <c>&lt;ACTIVE&gt;</c> filter is
/// <see cref="LibvirtActiveClause"/>, which disagrees with its own state mapping for 6 (saved on
/// v2, listed as active), 9 (paused on v2) and unknown values. <see cref="ActiveClause"/> and
/// <see cref="InactiveClause"/> are instead generated from <see cref="EnabledStateMapping.ActiveStates"/>,
/// so a query by activity returns exactly the VMs whose <see cref="DomainRecord.IsActive"/> matches:
/// 6 and 32769 are inactive (saved), 9 and 32768 active (paused), unknown values inactive.</para>
/// </remarks>
public static class DomainQuery
{
    /// <summary>Every VM, never the host.</summary>
    public const string AllDomains = "SELECT *" + AllDomainsCondition;

    // What follows the select list in every VM query.
    private const string AllDomainsCondition = " FROM Msvm_ComputerSystem WHERE Name != __SERVER";

    /// <summary>libvirt's <c>&lt;ACTIVE&gt;</c> text, kept for reference and comparison.</summary>
    public const string LibvirtActiveClause = "(EnabledState != 0 and EnabledState != 3 and EnabledState != 32769)";

    /// <summary>libvirt's <c>&lt;INACTIVE&gt;</c> text, kept for reference and comparison.</summary>
    public const string LibvirtInactiveClause = "(EnabledState = 0 or EnabledState = 3 or EnabledState = 32769)";

    /// <summary>Our active filter: EnabledState is one of <see cref="EnabledStateMapping.ActiveStates"/>.</summary>
    public static string ActiveClause { get; } =
        "(" + string.Join(" or ", EnabledStateMapping.ActiveStates.Select(s => "EnabledState = " + Number(s))) + ")";

    /// <summary>Our inactive filter: the exact complement of <see cref="ActiveClause"/>.</summary>
    public static string InactiveClause { get; } =
        "(" + string.Join(" and ", EnabledStateMapping.ActiveStates.Select(s => "EnabledState != " + Number(s))) + ")";

    /// <summary>All VMs, optionally only active or inactive ones.</summary>
    public static string All(DomainActivity activity = DomainActivity.Any) => Select(null, null, activity);

    /// <summary>VMs named <paramref name="name"/> (<c>ElementName</c>, exact; names need not be unique).</summary>
    public static string ByName(string name) => AllDomains + " AND ElementName = " + WqlEscape.Quoted(name);

    /// <summary>The VM with this GUID, written lower case with dashes as libvirt does.</summary>
    public static string ByUuid(Guid uuid) => AllDomains + " AND Name = " + UuidLiteral(uuid);

    /// <summary>The VM whose worker process has this id (libvirt's domain id; no state filter).</summary>
    public static string ByProcessId(uint processId) => AllDomains + " AND ProcessID = " + Number(processId);

    /// <summary>VMs with any of these names; several are OR-ed inside parentheses.</summary>
    public static string ByNames(IEnumerable<string> names, DomainActivity activity = DomainActivity.Any) =>
        Select(names, null, activity);

    /// <summary>VMs with any of these GUIDs; several are OR-ed inside parentheses.</summary>
    public static string ByUuids(IEnumerable<Guid> uuids, DomainActivity activity = DomainActivity.Any) =>
        Select(null, uuids, activity);

    /// <summary>
    /// The general form: VMs matching any of <paramref name="names"/> or <paramref name="uuids"/>
    /// (null or empty means no filter on that side), restricted by <paramref name="activity"/>.
    /// A single condition is written without parentheses, as libvirt writes its lookups.
    /// </summary>
    public static string Select(IEnumerable<string>? names, IEnumerable<Guid>? uuids, DomainActivity activity) =>
        Select(names, uuids, activity, properties: null);

    /// <summary>
    /// As <see cref="Select(IEnumerable{string}?, IEnumerable{Guid}?, DomainActivity)"/>, asking only for
    /// <paramref name="properties"/> (null or empty: every property, <c>SELECT *</c>). WinRM answers a
    /// property list with <c>w:XmlFragment</c> items (MS-WSMV 3.1.4.1.13), a fraction of the bytes.
    /// </summary>
    public static string Select(IEnumerable<string>? names, IEnumerable<Guid>? uuids, DomainActivity activity,
        IReadOnlyList<string>? properties)
    {
        var alternatives = new List<string>();
        foreach (var name in names ?? [])
        {
            alternatives.Add("ElementName = " + WqlEscape.Quoted(name));
        }
        foreach (var uuid in uuids ?? [])
        {
            alternatives.Add("Name = " + UuidLiteral(uuid));
        }

        var query = SelectList(properties) + AllDomainsCondition;
        if (alternatives.Count == 1)
        {
            query += " AND " + alternatives[0];
        }
        else if (alternatives.Count > 1)
        {
            query += " AND (" + string.Join(" OR ", alternatives) + ")";
        }
        return activity switch
        {
            DomainActivity.Active => query + " AND " + ActiveClause,
            DomainActivity.Inactive => query + " AND " + InactiveClause,
            _ => query,
        };
    }

    /// <summary><c>SELECT *</c>, or <c>SELECT A, B</c> for a property list (names are checked: WQL has no quoting for them).</summary>
    internal static string SelectList(IReadOnlyList<string>? properties)
    {
        if (properties is null || properties.Count == 0)
        {
            return "SELECT *";
        }
        foreach (var p in properties)
        {
            if (p.Length == 0 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException($"'{p}' is not a WMI property name.", nameof(properties));
            }
        }
        return "SELECT " + string.Join(", ", properties);
    }

    internal static string UuidLiteral(Guid uuid) => "'" + uuid.ToString("D") + "'";

    private static string Number(uint value) => value.ToString(CultureInfo.InvariantCulture);
}
