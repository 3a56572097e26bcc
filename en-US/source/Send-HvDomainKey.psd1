# Prose of Send-HvDomainKey's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Sends keys, text or Ctrl+Alt+Del to the console of domains, as virsh send-key does.'
    Description = @(
        'Send-HvDomainKey types on the virtual keyboard of running domains (Hyper-V''s Msvm_Keyboard), the way libvirt''s Hyper-V driver carries out virsh send-key: it finds the domain''s keyboard with one ASSOCIATORS query, presses each key of -Key in the order given (Msvm_Keyboard.PressKey), waits -HoldTime milliseconds, and releases them in the same order (ReleaseKey). Pressed together, KEY_LEFTCTRL KEY_LEFTALT KEY_DELETE is Ctrl+Alt+Del.'
        'Keys are names or numbers in a libvirt code set (-CodeSet, linux by default as in virsh): KEY_A or 30 in linux, VK_A or 0x41 in win32, and numbers only in xt, atset1, atset2, atset3, xt_kbd, usb and qnum (rfb). Each is translated to the Windows virtual-key code Msvm_Keyboard takes, with the keymap database libvirt''s tables come from; a key without one (KEY_MACRO, for instance) is an InvalidKeyCode error and nothing is sent. Numbers may be decimal, 0x hexadecimal or 0-led octal, as virsh reads them. Names are matched without regard to case, and Tab completes them for the code set given.'
        '-Text types ASCII text with Msvm_Keyboard.TypeText (printable characters, tabs and newlines), and -CtrlAltDel sends Ctrl+Alt+Del with TypeCtrlAltDel: neither has a virsh counterpart.'
        'A domain that is not running has nothing to type on: the host refuses (KeyboardDomainNotRunning) and the other domains carry on. When a press fails, or Ctrl+C stops the hold, the keys already pressed are released before the cmdlet stops, so none is left held down in the guest.'
    )
    Parameters  = @{
        Domain     = @{ Description = 'The domains to type on, typically from Get-HvDomain. Each domain carries its own connection, so domains from several hosts can be piped together.' }
        Name       = @{ Description = 'The names of the domains to type on. Wildcards are permitted. Names that match nothing are a DomainNotFound error. Tab completion offers the names on the host of -Connection, or of the default connection.' }
        Uuid       = @{ Description = 'The UUIDs of the domains to type on (Hyper-V''s VM id).' }
        Id         = @{ Description = 'The libvirt ids of the domains to type on: the ProcessID of an active domain''s worker process.' }
        Key        = @{ Description = 'The keys to press together, 1 to 16 of them (libvirt''s limit): names or numbers in the code set of -CodeSet. They are pressed in the order given and released in the same order.' }
        CodeSet    = @{ Description = 'The libvirt code set -Key is given in: linux (Linux input keycodes and KEY_* names), xt, atset1, atset2, atset3, os_x, xt_kbd, usb, win32 (Windows virtual-key codes and VK_* names; any code from 1 to 254 goes through as given), qnum or rfb.'; Default = 'linux' }
        HoldTime   = @{ Description = 'How long to hold the keys down before releasing them, in milliseconds.'; Default = '0' }
        Text       = @{ Description = 'ASCII text to type instead of keys (Msvm_Keyboard.TypeText): printable characters, tabs and newlines. Other characters are a TextNotAscii error and nothing is sent.' }
        CtrlAltDel = @{ Description = 'Sends Ctrl+Alt+Del instead of keys (Msvm_Keyboard.TypeCtrlAltDel).' }
        PassThru   = @{ Description = 'Writes each domain the keys went to. By default the cmdlet writes nothing.' }
        Connection = @{ Description = 'The connections on which -Name, -Uuid or -Id look domains up. Without it, the default connection is used. Domains given with -Domain or from the pipeline use their own connection.'; Default = 'The default connection' }
        WhatIf     = @{ Description = 'Shows, for each domain, which keys (with their virtual-key codes) would be sent, without sending them.' }
        Confirm    = @{ Description = 'Asks for confirmation before typing on each domain.' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'You can pipe domains from Get-HvDomain to this cmdlet.' }
        @{ Type = 'System.String'; Description = 'You can pipe domain names, and objects with a Name, Uuid (VMId) or Id property.' }
    )
    Outputs     = @(
        @{ Type = 'None'; Description = 'By default, this cmdlet returns no output.' }
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'With -PassThru, each domain the keys went to.' }
    )
    Notes       = @(
        'Exactly one of -Key, -Text and -CtrlAltDel is required; none is KeyInputMissing, several KeyInputsConflict.'
        'Error ids: InvalidKeyCode (InvalidArgument), TextNotAscii (InvalidArgument), KeyboardDomainNotRunning (InvalidOperation), KeyboardDomainNotFound and KeyboardNoKeyboard (ObjectNotFound), KeyboardRefused (InvalidResult, with the host''s return code), WmiClassNotFound when the host has no Msvm_Keyboard class.'
        'Each key is one WS-Man call to press and one to release, as in libvirt; -Text and -CtrlAltDel are one call each. Domains are typed on one after another.'
        'libvirt sends win32 codes untranslated as 0 (a slip in hypervDomainSendKey); here they go through as given.'
    )
    Examples    = @(
        @{
            Title   = 'Press Ctrl+Alt+Del with keys, as virsh send-key does'
            Code    = @'
Send-HvDomainKey vm-001 -Key KEY_LEFTCTRL, KEY_LEFTALT, KEY_DELETE
'@
            Remarks = @('Presses Left Ctrl, Left Alt and Delete in that order, then releases them: what virsh send-key vm-001 KEY_LEFTCTRL KEY_LEFTALT KEY_DELETE does. Six PressKey and ReleaseKey calls go to the host.')
        }
        @{
            Title   = 'Hold a key down'
            Code    = @'
Send-HvDomainKey vm-001 -Key KEY_F8 -HoldTime 500
'@
            Remarks = @('Holds F8 for half a second, long enough for a boot menu that looks for a held key.')
        }
        @{
            Title   = 'Give keys in another code set'
            Code    = @'
Send-HvDomainKey vm-001 -CodeSet win32 -Key VK_RETURN
Send-HvDomainKey vm-001 -CodeSet usb -Key 40
'@
            Remarks = @('Both press Enter: by its Windows virtual-key name, and by its USB HID usage (40). Sets without names (usb, atset1, qnum, ...) take numbers only.')
        }
        @{
            Title   = 'Type a line of text'
            Code    = @'
Send-HvDomainKey vm-005 -Text "root`n" -PassThru | Select-Object Name, State

Name   State
----   -----
vm-005 Running
'@
            Remarks = @('Types root and Enter at a login prompt with one TypeText call, and writes the domain it typed on.')
        }
        @{
            Title   = 'Send Ctrl+Alt+Del to every running domain'
            Code    = @'
Get-HvDomain -State Running | Send-HvDomainKey -CtrlAltDel -Confirm
'@
            Remarks = @('Sends Ctrl+Alt+Del (TypeCtrlAltDel) to each running domain, asking before each one.')
        }
    )
    Links       = @('Get-HvDomain', 'Start-HvDomain', 'Wait-HvDomain', 'about_HyperVLibvirt')
}
