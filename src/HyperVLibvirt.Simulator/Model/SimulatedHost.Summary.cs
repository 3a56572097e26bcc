using System.Globalization;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>Msvm_VirtualSystemManagementService.GetSummaryInformation.</summary>
public sealed partial class SimulatedHost
{
    private const string SystemSettingsClass = "Msvm_VirtualSystemSettingData";

    /// <summary>
    /// GetSummaryInformation (Microsoft's Msvm_VirtualSystemManagementService documentation): SettingData is an
    /// array of references to VSSDs (null: every VM), RequestedInformation an array of codes. The output
    /// SummaryInformation holds one embedded Msvm_SummaryInformation per VM, in the order asked.
    /// </summary>
    /// <remarks>
    /// Bad input: a code that is not a number is a WMI type mismatch (a fault, as for RequestStateChange); no
    /// codes, or a reference that is not to a VM's realized VSSD (another class, an unknown or a snapshot's
    /// InstanceID), is 32773 Invalid parameter and no output.
    /// </remarks>
    private MethodResult GetSummaryInformation(HostNamespace ns, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        var requested = new HashSet<uint>();
        foreach (var text in InputTexts(inputs, "RequestedInformation"))
        {
            if (!uint.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                throw new CimException(CimErrorKind.InvalidParameter, $"RequestedInformation '{text}' is not a number.", "InvalidValue");
            }

            requested.Add(code);
        }

        if (requested.Count == 0)
        {
            return new MethodResult(StateTransitions.InvalidParameter, []);
        }

        var factory = new SummaryInformationFactory(ns, Language, Settings.GuestBoot);
        var summaries = new List<object>();
        lock (_stateGate)
        {
            var now = Settings.Clock.GetUtcNow();
            var settingData = InputValues(inputs, "SettingData");
            if (settingData is null)
            {
                foreach (var vm in VmsInHostOrder())
                {
                    summaries.Add(factory.Summary(vm, requested, now));
                }
            }
            else
            {
                foreach (var item in settingData)
                {
                    if (item is not CimReference reference || VmOfSettings(reference) is not { } vm)
                    {
                        return new MethodResult(StateTransitions.InvalidParameter, []);
                    }

                    summaries.Add(factory.Summary(vm, requested, now));
                }
            }
        }

        return new MethodResult(StateTransitions.Completed, [new("SummaryInformation", summaries)]);
    }

    // Caller holds _stateGate. The VM whose realized VSSD (InstanceID Microsoft:<GUID>) the reference names.
    private VmRecord? VmOfSettings(CimReference reference)
    {
        var className = reference.ResourceUri[(reference.ResourceUri.LastIndexOf('/') + 1)..];
        if (!string.Equals(className, SystemSettingsClass, StringComparison.OrdinalIgnoreCase) || reference.Selectors.Count != 1
            || !string.Equals(reference.Selectors[0].Key, "InstanceID", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var id = reference.Selectors[0].Value.Trim();
        const string prefix = "Microsoft:";
        return id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && Guid.TryParse(id.AsSpan(prefix.Length), out var guid)
            && _vms.TryGetValue(guid.ToString("D"), out var vm) ? vm : null;
    }

    // An input given once or repeated, as text; none when absent.
    private static IEnumerable<string> InputTexts(IReadOnlyList<KeyValuePair<string, object?>> inputs, string name) =>
        (InputValues(inputs, name) ?? []).Select(v => v as string ?? string.Empty);

    // An input's values (one element or repeated ones), or null when the input is absent or nil.
    private static IReadOnlyList<object>? InputValues(IReadOnlyList<KeyValuePair<string, object?>> inputs, string name)
    {
        foreach (var input in inputs)
        {
            if (string.Equals(input.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return input.Value switch
                {
                    null => null,
                    IReadOnlyList<object> list => list,
                    { } single => [single],
                };
            }
        }

        return null;
    }
}
