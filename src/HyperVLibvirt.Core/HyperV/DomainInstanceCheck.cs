using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// Checks a listed Msvm_ComputerSystem instance before it becomes a domain: it must be of that class in the
/// namespace asked for, carry a GUID Name, and an EnabledState that can be read. The host's own instance
/// (its Name is the host's name) is excluded quietly, as libvirt's listing excludes it.
/// </summary>
public static class DomainInstanceCheck
{
    private const string ClassName = "Msvm_ComputerSystem";

    /// <summary>The outcome for one instance.</summary>
    public enum Verdict
    {
        /// <summary>A VM: make it a domain.</summary>
        Domain,
        /// <summary>The host's own instance: skip it without a word.</summary>
        Host,
        /// <summary>Not usable: skip it and report <c>problem</c>.</summary>
        Refused,
    }

    /// <summary>
    /// Judges <paramref name="instance"/>, listed from <paramref name="wmiNamespace"/>. A refusal, or a value
    /// that could not be read on a domain that is kept, comes back in <paramref name="problem"/>.
    /// </summary>
    public static Verdict Check(CimObject instance, string wmiNamespace, string? hostName, out DomainReadProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(instance);
        problem = null;
        var name = instance.GetString("Name");
        if (!IsClassAsked(instance, wmiNamespace))
        {
            problem = new DomainReadProblem(DomainReadProblemKind.Refused,
                $"The host listed an instance of {instance.ResourceUri ?? instance.ClassName} when asked for {WsManResourceUris.Class(wmiNamespace, ClassName)}; " +
                "it is not a domain and was skipped. The endpoint may not be a genuine WinRM service, or something in between altered the response.",
                instance.ResourceUri ?? instance.ClassName);
            return Verdict.Refused;
        }
        if (hostName is not null && string.Equals(name?.Trim(), hostName, StringComparison.OrdinalIgnoreCase))
        {
            return Verdict.Host;
        }
        if (name is null || !Guid.TryParse(name.Trim(), out _))
        {
            // libvirt's text (hypervMsvmComputerSystemToDomain); libvirt then fails the whole listing.
            var label = instance.GetString("ElementName") is { Length: > 0 } elementName ? $" '{elementName}'" : string.Empty;
            problem = new DomainReadProblem(DomainReadProblemKind.Refused,
                $"Could not parse UUID from string '{name}': the host listed a virtual machine{label} whose Name is " +
                (name is null ? "missing" : "not a GUID") + "; it was skipped.",
                name ?? instance.GetString("ElementName") ?? ClassName);
            return Verdict.Refused;
        }
        if (!HasReadableEnabledState(instance, out var raw))
        {
            problem = new DomainReadProblem(DomainReadProblemKind.Unreadable,
                $"The EnabledState of domain '{instance.GetString("ElementName")}' ({name.Trim()}) is {(raw is null ? "missing" : $"'{raw}', not a state")}; " +
                "its state is shown as NoState.",
                name.Trim());
        }
        return Verdict.Domain;
    }

    private static bool IsClassAsked(CimObject instance, string wmiNamespace)
    {
        // A w:XmlFragment (a SELECT of some properties) carries no class; its name is the one the query asked for.
        if (instance.ResourceUri is null)
        {
            return string.Equals(instance.ClassName, ClassName, StringComparison.OrdinalIgnoreCase);
        }
        return string.Equals(instance.ResourceUri, WsManResourceUris.Class(wmiNamespace, ClassName), StringComparison.OrdinalIgnoreCase);
    }

    private static bool HasReadableEnabledState(CimObject instance, out string? raw)
    {
        raw = instance["EnabledState"] is { IsNull: false } value ? value.AsString() : null;
        return raw is not null && ushort.TryParse(raw.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);
    }
}
