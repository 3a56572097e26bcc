using System.Globalization;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Keyboard;

/// <summary>
/// Sends keys to a domain's console through its Msvm_Keyboard, as libvirt's hypervDomainSendKey
/// (src/hyperv/hyperv_driver.c) does: the keyboard by
/// <c>ASSOCIATORS OF {Msvm_ComputerSystem…} WHERE ResultClass = Msvm_Keyboard</c>, PressKey for each key in order, a
/// wait of the hold time, ReleaseKey for each key in the same order. Also Msvm_Keyboard.TypeText and TypeCtrlAltDel
/// (Microsoft's root/virtualization/v2 documentation), which libvirt does not use.
/// </summary>
public sealed class KeyboardService
{
    private const string KeyboardClass = "Msvm_Keyboard";
    private const string ComputerSystemClass = "Msvm_ComputerSystem";
    private const uint InvalidState = 32775;

    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public KeyboardService(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
    }

    /// <summary>
    /// Presses <paramref name="keys"/> in order, holds them for <paramref name="holdTime"/>, and releases them in the same
    /// order. When a press fails, or the wait is cancelled, the keys already down are released before the failure
    /// goes up (libvirt leaves them down).
    /// </summary>
    /// <exception cref="HvKeyboardException">No keyboard, the domain is gone or not running, or the host refused.</exception>
    public async Task SendKeysAsync(HvDomain domain, IReadOnlyList<KeyStroke> keys, TimeSpan holdTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count is 0 or > KeyCodes.MaxKeys)
        {
            throw new ArgumentOutOfRangeException(nameof(keys), keys.Count, $"Send 1 to {KeyCodes.MaxKeys} keys at a time.");
        }

        var keyboard = await FindKeyboardAsync(domain, cancellationToken).ConfigureAwait(false);
        var pressed = 0;
        try
        {
            foreach (var key in keys)
            {
                await InvokeAsync(domain, keyboard, "PressKey", KeyCode(key), cancellationToken).ConfigureAwait(false);
                pressed++;
            }
            if (holdTime > TimeSpan.Zero)
            {
                await Task.Delay(holdTime, cancellationToken).ConfigureAwait(false);
            }
        }
        catch when (pressed > 0)
        {
            await ReleaseQuietlyAsync(domain, keyboard, keys.Take(pressed)).ConfigureAwait(false);
            throw;
        }

        foreach (var key in keys)
        {
            await InvokeAsync(domain, keyboard, "ReleaseKey", KeyCode(key), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Types ASCII text through Msvm_Keyboard.TypeText.</summary>
    /// <exception cref="ArgumentException">Empty text, or characters outside printable ASCII, tab and newline.</exception>
    /// <exception cref="HvKeyboardException">No keyboard, the domain is gone or not running, or the host refused.</exception>
    public async Task TypeTextAsync(HvDomain domain, string text, CancellationToken cancellationToken)
    {
        if (InvalidTextCharacter(text) is { } bad)
        {
            throw new ArgumentException(bad, nameof(text));
        }
        var keyboard = await FindKeyboardAsync(domain, cancellationToken).ConfigureAwait(false);
        await InvokeAsync(domain, keyboard, "TypeText", [new("asciiText", text)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends Ctrl+Alt+Del through Msvm_Keyboard.TypeCtrlAltDel.</summary>
    /// <exception cref="HvKeyboardException">No keyboard, the domain is gone or not running, or the host refused.</exception>
    public async Task SendCtrlAltDelAsync(HvDomain domain, CancellationToken cancellationToken)
    {
        var keyboard = await FindKeyboardAsync(domain, cancellationToken).ConfigureAwait(false);
        await InvokeAsync(domain, keyboard, "TypeCtrlAltDel", [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why <paramref name="text"/> cannot go to TypeText (which takes ASCII), or null when it can.</summary>
    public static string? InvalidTextCharacter(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "There is no text to type.";
        }
        var index = text.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        while (index >= 0 && text[index] is '\t' or '\n' or '\r')
        {
            var next = text.AsSpan(index + 1).IndexOfAnyExceptInRange(' ', '~');
            index = next < 0 ? -1 : index + 1 + next;
        }
        return index < 0 ? null : string.Create(CultureInfo.InvariantCulture,
            $"Character {index + 1} of the text (U+{(int)text[index]:X4}) is not ASCII: Msvm_Keyboard.TypeText types printable ASCII, tabs and newlines only. Send other keys with -Key.");
    }

    private static KeyValuePair<string, object?>[] KeyCode(KeyStroke key) =>
        [new("keyCode", key.VirtualKey.ToString(CultureInfo.InvariantCulture))];

    private async Task<CimObject> FindKeyboardAsync(HvDomain domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        _session.ThrowIfClosed();
        var uuid = domain.GetRecord().UuidString;
        var wql = "ASSOCIATORS OF {Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name=" + WqlEscape.Quoted(uuid) + "} " +
                  "WHERE ResultClass = " + KeyboardClass;
        try
        {
            await foreach (var item in _session.QueryAsync(wql, null, _trace, cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(item.ClassName, KeyboardClass, StringComparison.OrdinalIgnoreCase))
                {
                    return item;
                }
            }
        }
        catch (WsManFaultException fault) when (fault.WsManCode == WsManFaultException.CodeCannotProcessFilter || fault.Subcode == "n:CannotProcessFilter")
        {
            throw new HvClassNotFoundException(_session.ComputerName, KeyboardClass, _session.Namespace,
                "Sending keys needs it; check that the host's Hyper-V role is complete (Get-WindowsFeature Hyper-V on the host).", fault);
        }

        // Nothing associated: tell a domain that is gone from one without a keyboard (one more query, on failure only).
        var now = await new DomainService(_session, _trace).GetDomainAsync(domain.Uuid, detailed: false, cancellationToken).ConfigureAwait(false);
        throw now is null
            ? new HvKeyboardException(KeyboardFailure.DomainNotFound, domain.Name, domain.Uuid,
                $"Cannot send keys to domain '{domain.Name}' on {_session.ComputerName}: No domain with UUID {uuid}.")
            : new HvKeyboardException(KeyboardFailure.NoKeyboard, domain.Name, domain.Uuid,
                $"Cannot send keys to domain '{domain.Name}' on {_session.ComputerName}: the host lists no Msvm_Keyboard for it.");
    }

    private async Task InvokeAsync(HvDomain domain, CimObject keyboard, string method, KeyValuePair<string, object?>[] parameters, CancellationToken cancellationToken)
    {
        // libvirt's selectors, in its order.
        var selectors = new KeyValuePair<string, string>[]
        {
            new("CreationClassName", KeyboardClass),
            new("DeviceID", keyboard.GetString("DeviceID") ?? string.Empty),
            new("SystemCreationClassName", ComputerSystemClass),
            new("SystemName", keyboard.GetString("SystemName") ?? domain.GetRecord().UuidString),
        };
        var output = await _session.Client.InvokeAsync(WmiNamespace.ClassUri(_session.Namespace, KeyboardClass), method, selectors, parameters, _trace,
            cancellationToken).ConfigureAwait(false);
        if (output.GetUInt64("ReturnValue") is not { } returned)
        {
            throw new HvKeyboardException(KeyboardFailure.InvalidResponse, domain.Name, domain.Uuid,
                $"Could not send keys to domain '{domain.Name}' on {_session.ComputerName}: Could not lookup ReturnValue for {method} invocation.");
        }

        // 4096 (a job) is listed for these methods but keys take effect at once; both mean accepted.
        var code = returned > uint.MaxValue ? uint.MaxValue : (uint)returned;
        if (code is ReturnCodes.Completed or ReturnCodes.TransitionStarted)
        {
            return;
        }
        throw code == InvalidState
            ? new HvKeyboardException(KeyboardFailure.DomainNotRunning, domain.Name, domain.Uuid,
                $"Cannot send keys to domain '{domain.Name}' on {_session.ComputerName}: it is not running ({method} returned {ReturnCodes.ToText(code)} ({code})). " +
                "Start it with Start-HvDomain, or resume it with Resume-HvDomain, first.", code)
            : new HvKeyboardException(KeyboardFailure.Refused, domain.Name, domain.Uuid, string.Create(CultureInfo.InvariantCulture,
                $"Could not send keys to domain '{domain.Name}' on {_session.ComputerName}: Invocation of {method} returned an error: {ReturnCodes.ToText(code)} ({code})"),
                code);
    }

    // Lets go of keys left down by a failure; a second failure must not hide the first.
    private async Task ReleaseQuietlyAsync(HvDomain domain, CimObject keyboard, IEnumerable<KeyStroke> keys)
    {
        foreach (var key in keys)
        {
            try
            {
                await InvokeAsync(domain, keyboard, "ReleaseKey", KeyCode(key), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HvKeyboardException or WsManException)
            {
                return;
            }
        }
    }
}
