# Prose of Save-HvDomainScreenshot's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Saves what the screens of running Hyper-V virtual machines show as PNG files (virsh screenshot).'
    Description = @(
        'Save-HvDomainScreenshot asks Hyper-V for a picture of each domain''s screen with Msvm_VirtualSystemManagementService.GetVirtualSystemThumbnailImage, as libvirt''s virsh screenshot does, and saves it as a PNG file. libvirt writes a PPM; a PNG opens everywhere. Hyper-V sends 16-bit RGB 565 pixels; each channel is widened to 8 bits exactly (31 and 63 become 255, 0 stays 0).'
        'The size is the domain''s video head resolution (Msvm_VideoHead, read for all the domains of a host in one query) unless -Width and -Height give another; Hyper-V scales the picture to the size asked. One WS-Man answer of this module holds at most 190,464 pixels (512,000 bytes, the pixels sent as base64), so a larger screen is saved at the largest size of the same proportions that fits, with a warning: a 1024×768 screen becomes 503×377. A -Width and -Height that do not fit are refused before anything is sent. Where the host''s WinRM MaxEnvelopeSizekb was raised, -MaxEnvelopeSizeKB asks for larger answers, for this command''s pictures only: a full 1024×768 screen needs 2052 KB.'
        'Without -Name every running domain is saved and the others are skipped; a domain named exactly or piped in that shows no screen (off, saved, paused) is a ScreenshotDomainNotRunning error. -Path is a folder, which gets one <domain name>.png per domain, or the name of one file when one domain is saved. An existing file is kept unless -Force is given.'
        'Each domain is confirmed (-WhatIf, -Confirm) before its picture is asked for, so -WhatIf sends no picture request and writes nothing. The pictures of a host are fetched one after another, those of several hosts at the same time, and each file is written as its picture arrives.'
    )
    Parameters  = @{
        Domain     = @{ Description = 'The domains to save, typically from Get-HvDomain. Each domain carries its own connection, so domains of several hosts can be piped together; they are listed again, so their state is current.' }
        Name       = @{ Description = 'The names of the domains to save. Wildcards are permitted and matching ignores case; domains a wildcard matches that are not running are skipped. Names come from the pipeline as strings or from a Name property. Tab completion offers the names on the host.'; Default = 'Every running domain' }
        Uuid       = @{ Description = 'The UUIDs of the domains to save (Hyper-V''s VM id, the VMId of Get-VM).' }
        Id         = @{ Description = 'The libvirt ids of the domains to save: the ProcessID of an active domain''s worker process.' }
        Connection = @{ Description = 'The connections to use, one or many, from Connect-HvLibvirt or Get-HvConnection; also from the pipeline, by value or from a ConnectionId property. Without it, the default connection is used; with no default the cmdlet stops with NoDefaultConnection.'; Default = 'The default connection' }
        Path       = @{ Description = 'Where to save: an existing folder (or a path ending in a separator), which gets one <domain name>.png per domain, characters a file name cannot hold replaced by _; or a file name, for one domain. Relative paths start at the current location.' }
        Width      = @{ Description = 'The width of the picture in pixels, 1 to 65535; give -Height with it. Hyper-V scales the screen to this size.'; Default = 'The video head''s horizontal resolution' }
        Height     = @{ Description = 'The height of the picture in pixels, 1 to 65535; give -Width with it.'; Default = 'The video head''s vertical resolution' }
        MaxEnvelopeSizeKB = @{ Description = 'The largest WS-Man answer, in KB (1024 bytes), each picture is asked for in (w:MaxEnvelopeSize), 8 to 65536; for this command only. Give it for a host whose WinRM MaxEnvelopeSizekb was raised (winrm set winrm/config @{MaxEnvelopeSizekb="4096"}): without -Width and -Height the picture is then scaled to fit this size instead of 500 KB. A picture larger than the host''s own limit is a ScreenshotTooLarge error that names the limit to set.'; Default = '500 (the connection''s)' }
        Force      = @{ Description = 'Overwrites files that exist. Without it an existing file is a ScreenshotFileExists error and is left as it is.' }
        PassThru   = @{ Description = 'Writes a FileInfo for each file saved. Without it the cmdlet writes nothing to the pipeline.' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'You can pipe domains from Get-HvDomain.' }
        @{ Type = 'System.String'; Description = 'You can pipe domain names to this cmdlet.' }
        @{ Type = 'HyperVLibvirt.Core.Connection.HvConnection'; Description = 'You can pipe connections, to save the running domains of each.' }
    )
    Outputs     = @(
        @{ Type = 'System.IO.FileInfo'; Description = 'With -PassThru, one FileInfo per PNG file saved. Without it, nothing.' }
    )
    Notes       = @(
        'Each picture is one GetVirtualSystemThumbnailImage call (the method takes one VM); the video heads of up to 32 domains come in one query. The picture''s rows run from the top, the red, green and blue channels as Hyper-V sends them.'
        'To save screens larger than 190,464 pixels, raise MaxEnvelopeSizekb on the host and give -MaxEnvelopeSizeKB (2052 or more for 1024×768); raising it on the host alone does not help, since the module otherwise asks for answers of at most 512,000 bytes. The larger size is sent with the picture requests only, and only their answers may carry a value that long.'
        'Errors: ScreenshotDomainNotRunning (InvalidOperation), ScreenshotTooLarge (LimitsExceeded), ScreenshotRefused (InvalidResult, with the host''s return code), ScreenshotInvalidResponse (InvalidData), ScreenshotFileExists and ScreenshotFileConflict (ResourceExists), ScreenshotWriteFailed (WriteError), ScreenshotFolderNotFound (ObjectNotFound), ScreenshotSizeIncomplete and ScreenshotPathNotFileSystem (InvalidArgument), DomainNotFound for an exact name or UUID that matches nothing, and WmiClassNotFound when the host has no Msvm_VideoHead class.'
    )
    Examples    = @(
        @{
            Title   = 'Save the screens of every running domain in the current folder'
            Code    = @'
Save-HvDomainScreenshot -Path . -PassThru | Select-Object Name, Length

Name       Length
----       ------
vm-001.png   6131
vm-005.png   6132
vm-007.png   6126
'@
            Remarks = @('Reads the video heads of the running domains in one query and asks for one picture per domain. Their 1024×768 screens are saved at 503×377, the largest size one answer holds, and a warning for each says so. The domains that are not running are skipped.')
        }
        @{
            Title   = 'Save one domain at a size of your choice'
            Code    = @'
Save-HvDomainScreenshot vm-001 -Path ./vm-001-small.png -Width 320 -Height 240 -PassThru | Select-Object Name, Length

Name             Length
----             ------
vm-001-small.png   2687
'@
            Remarks = @('Hyper-V scales the screen to 320×240; no video head query is needed.')
        }
        @{
            Title   = 'Replace the screenshots of the domains piped in'
            Code    = @'
Get-HvDomain -State Running | Save-HvDomainScreenshot -Path . -Force -WarningAction SilentlyContinue
'@
            Remarks = @('Overwrites the files the first example saved, without the warnings about the size. Without -Force each existing file is a ScreenshotFileExists error.')
        }
    )
    Links       = @('Get-HvDomain', 'Start-HvDomain', 'about_HyperVLibvirt')
}
