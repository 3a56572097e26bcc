using System.Globalization;
using System.Management.Automation;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Keyboard;

namespace HyperVLibvirt.Commands.Keyboard;

/// <summary>
/// <para type="synopsis">Sends keys to the console of Hyper-V virtual machines, as virsh send-key does (Msvm_Keyboard).</para>
/// <para type="description">-Key presses up to 16 keys in order, holds them for -HoldTime milliseconds and releases them
/// in the same order (libvirt's hypervDomainSendKey); -Text types ASCII text; -CtrlAltDel sends Ctrl+Alt+Del.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Send, "HvDomainKey", DefaultParameterSetName = "ByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(HvDomain))]
public sealed class SendHvDomainKeyCommand : HvDomainTargetCmdletBase
{
    private IReadOnlyList<KeyStroke>? _keys;

    /// <summary>Keys to press together: names in the code set (KEY_LEFTCTRL) or numbers (29, 0x1d), at most 16.</summary>
    [Parameter(Position = 1)]
    [ValidateCount(1, KeyCodes.MaxKeys)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.KeyNameCompleter))]
    public string[]? Key { get; set; }

    /// <summary>The code set the keys are given in (libvirt's names; default linux, as virsh).</summary>
    [Parameter]
    [ValidateSet("linux", "xt", "atset1", "atset2", "atset3", "os_x", "xt_kbd", "usb", "win32", "qnum", "rfb")]
    public string CodeSet { get; set; } = "linux";

    /// <summary>How long to hold the keys down, in milliseconds (default 0).</summary>
    [Parameter]
    [ValidateRange(0, 600_000)]
    public int HoldTime { get; set; }

    /// <summary>ASCII text to type (Msvm_Keyboard.TypeText) instead of keys.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Text { get; set; }

    /// <summary>Send Ctrl+Alt+Del (Msvm_Keyboard.TypeCtrlAltDel) instead of keys.</summary>
    [Parameter]
    public SwitchParameter CtrlAltDel { get; set; }

    /// <summary>Write each domain the keys went to.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        var asked = (Key is null ? 0 : 1) + (Text is null ? 0 : 1) + (CtrlAltDel ? 1 : 0);
        if (asked != 1)
        {
            ThrowTerminatingError(ErrorRecords.Create(
                asked == 0 ? "Say what to send." : "Send keys, text or Ctrl+Alt+Del, one at a time.",
                asked == 0 ? "KeyInputMissing" : "KeyInputsConflict", ErrorCategory.InvalidArgument, null,
                "Pass one of -Key <names or codes> (with -CodeSet and -HoldTime), -Text <ASCII text> or -CtrlAltDel."));
        }
        if (Text is not null && KeyboardService.InvalidTextCharacter(Text) is { } bad)
        {
            ThrowTerminatingError(ErrorRecords.Create(bad, "TextNotAscii", ErrorCategory.InvalidArgument, Text));
        }
        if (Key is not null)
        {
            var set = KeyCodes.ParseSet(CodeSet)!.Value;
            try
            {
                _keys = Key.Select(k => KeyCodes.Resolve(set, k)).ToArray();
            }
            catch (HvKeyCodeException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, e.Key));
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var action = Describe();
        var targets = CollectedTargets();
        var total = targets.Sum(t => t.Domains.Count);
        // A bar only where it helps: several domains, or a hold long enough to notice, at an interactive prompt.
        var progress = IsInteractive && (total > 1 || HoldTime >= 1000) ? new ProgressRecord(Math.Abs(nameof(SendHvDomainKeyCommand).GetHashCode() % 10000) + 1, action, "Starting") : null;
        var done = 0;
        foreach (var (connection, domains) in targets)
        {
            var service = new KeyboardService(connection, TraceSink);
            foreach (var domain in domains)
            {
                if (!ShouldProcess($"{domain.Name} on {domain.ComputerName}", action))
                {
                    continue;
                }
                if (progress is not null)
                {
                    progress.StatusDescription = $"{domain.Name} on {domain.ComputerName}";
                    progress.PercentComplete = 100 * done++ / total;
                    WriteProgress(progress);
                }
                try
                {
                    Wait(token => _keys is not null ? service.SendKeysAsync(domain, _keys, TimeSpan.FromMilliseconds(HoldTime), token)
                        : Text is not null ? service.TypeTextAsync(domain, Text, token)
                        : service.SendCtrlAltDelAsync(domain, token));
                }
                catch (Exception e) when (ErrorRecords.IsReportable(e))
                {
                    WriteError(ErrorRecords.From(e, domain));
                    continue;
                }
                WriteVerbose($"{domain.Name} on {domain.ComputerName}: {action}.");
                if (PassThru)
                {
                    WriteObject(domain);
                }
            }
        }
        if (progress is not null && progress.StatusDescription != "Starting")
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }

    private string Describe()
    {
        if (_keys is not null)
        {
            var keys = string.Join(" ", _keys.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Input} ({k.VirtualKeyName} {k.VirtualKey})")));
            return HoldTime > 0 ? string.Create(CultureInfo.InvariantCulture, $"Send keys {keys}, held {HoldTime} ms") : "Send keys " + keys;
        }
        return Text is not null
            ? string.Create(CultureInfo.InvariantCulture, $"Type {Text.Length} character(s) of text")
            : "Send Ctrl+Alt+Del";
    }
}
