using System.Globalization;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Msvm_Keyboard's methods (Microsoft's root/virtualization/v2 documentation: PressKey, ReleaseKey, TypeKey with a
/// uint32 keyCode, a Windows virtual-key code; TypeText with asciiText; TypeCtrlAltDel), and the record of what each VM
/// received, which tests read through <see cref="KeyboardInput"/> or <c>GET /simulator/keyboard</c>.
/// </summary>
public sealed partial class SimulatedHost
{
    /// <summary>The most entries kept per VM; older ones are dropped first.</summary>
    public const int KeyboardLogLimit = 1000;

    private const uint KeyboardInvalidParameter = 32773;
    private const uint KeyboardInvalidState = 32775;

    private readonly Dictionary<string, List<string>> _keyboardLog = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// What a VM's keyboard accepted, oldest first: <c>PressKey 17</c>, <c>ReleaseKey 17</c>, <c>TypeKey 13</c>,
    /// <c>TypeText &lt;text&gt;</c>, <c>TypeCtrlAltDel</c>. Refused calls are not recorded.
    /// </summary>
    public IReadOnlyList<string> KeyboardInput(string vmName)
    {
        lock (_stateGate)
        {
            return _keyboardLog.TryGetValue(vmName, out var log) ? log.ToArray() : [];
        }
    }

    /// <summary>Every VM's keyboard record, by VM name (GUID); VMs that received nothing are left out.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> KeyboardInputs()
    {
        lock (_stateGate)
        {
            return _keyboardLog.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>Forgets every VM's keyboard record.</summary>
    public void ClearKeyboardInput()
    {
        lock (_stateGate)
        {
            _keyboardLog.Clear();
        }
    }

    private MethodResult InvokeKeyboard(CimInstance keyboard, string methodName, IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        string entry;
        switch (methodName.ToUpperInvariant())
        {
            case "PRESSKEY":
            case "RELEASEKEY":
            case "TYPEKEY":
                if (InputText(inputs, "keyCode") is not { } codeText)
                {
                    return new MethodResult(KeyboardInvalidParameter, []);
                }

                if (!uint.TryParse(codeText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
                {
                    throw new CimException(CimErrorKind.InvalidParameter, $"keyCode '{codeText}' is not a uint32.", "InvalidValue");
                }

                // Virtual-key codes run from 1 to 254 (Microsoft's "Virtual-Key Codes").
                if (code is 0 or > 254)
                {
                    return new MethodResult(KeyboardInvalidParameter, []);
                }

                entry = string.Create(CultureInfo.InvariantCulture, $"{CanonicalName(methodName)} {code}");
                break;
            case "TYPETEXT":
                if (InputText(inputs, "asciiText") is not { Length: > 0 } text || text.Any(c => c > 0x7e || (c < 0x20 && c is not ('\n' or '\r' or '\t'))))
                {
                    return new MethodResult(KeyboardInvalidParameter, []);
                }

                entry = "TypeText " + text;
                break;
            case "TYPECTRLALTDEL":
                entry = "TypeCtrlAltDel";
                break;
            default:
                throw new CimException(CimErrorKind.InvalidMethod, $"The method '{methodName}' is not supported by Msvm_Keyboard.");
        }

        lock (_stateGate)
        {
            // A VM that is not running has no keyboard to type on.
            if (!_vms.TryGetValue((string)keyboard["SystemName"]!, out var vm) || vm.State != EnabledStates.Enabled)
            {
                return new MethodResult(KeyboardInvalidState, []);
            }

            if (!_keyboardLog.TryGetValue(vm.Name, out var log))
            {
                log = [];
                _keyboardLog[vm.Name] = log;
            }

            if (log.Count >= KeyboardLogLimit)
            {
                log.RemoveAt(0);
            }

            log.Add(entry);
            return new MethodResult(StateTransitions.Completed, []);
        }
    }

    private static string CanonicalName(string methodName) => methodName.ToUpperInvariant() switch
    {
        "PRESSKEY" => "PressKey",
        "RELEASEKEY" => "ReleaseKey",
        _ => "TypeKey",
    };
}
