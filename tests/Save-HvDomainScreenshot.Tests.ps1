BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    # The seed-1 inventory of 8: vm-001, vm-005 and vm-007 run; vm-002 is off; vm-004 is paused.
    $script:Sim = Start-TestSimulator -Vms 8
    $script:Connection = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ('hvl-screens-' + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $script:Folder

    # The PNGs are decoded back with StbImageSharp, which the Core test project restores into the NuGet packages folder.
    $line = & dotnet nuget locals global-packages --list | Select-Object -First 1
    $packages = ($line -replace '^global-packages:\s*', '').Trim()
    Add-Type -Path (Join-Path $packages 'stbimagesharp/2.30.16/lib/netstandard2.0/StbImageSharp.dll')

    function Read-Png([string] $Path) {
        [StbImageSharp.ImageResult]::FromMemory([IO.File]::ReadAllBytes($Path), [StbImageSharp.ColorComponents]::RedGreenBlue)
    }
    function Get-Pixel($Image, [int] $X, [int] $Y) {
        # As 'red,green,blue' text, so a comparison reads plainly.
        $i = (($Y * $Image.Width) + $X) * 3
        '{0},{1},{2}' -f $Image.Data[$i], $Image.Data[$i + 1], $Image.Data[$i + 2]
    }
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
    Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Save-HvDomainScreenshot' {
    BeforeEach {
        Get-ChildItem $script:Folder | Remove-Item -Force
    }

    It 'saves one PNG per running domain in a folder, skips the others, and warns that 1024x768 was scaled to fit' {
        $files = @(Save-HvDomainScreenshot -Path $script:Folder -PassThru -ErrorVariable errors -WarningVariable warnings -WarningAction SilentlyContinue)
        $errors | Should -BeNullOrEmpty
        $files | Should -BeOfType ([IO.FileInfo])
        $files.Name | Should -Be @('vm-001.png', 'vm-005.png', 'vm-007.png')
        @(Get-ChildItem $script:Folder).Count | Should -Be 3
        @($warnings).Count | Should -Be 3
        "$($warnings[0])" | Should -Match "'vm-001' is 1024×768; it is saved at 503×377"
    }

    It 'writes the picture the host sent: size, orientation and channels checked pixel by pixel' {
        Save-HvDomainScreenshot vm-001 -Path (Join-Path $script:Folder 'one.png') -Width 320 -Height 240
        $image = Read-Png (Join-Path $script:Folder 'one.png')
        $image.Width | Should -Be 320
        $image.Height | Should -Be 240
        # The simulator draws red, green, blue and white bands along the top, black along the bottom, dark blue between.
        Get-Pixel $image 0 0 | Should -Be '255,0,0'
        Get-Pixel $image 100 10 | Should -Be '0,255,0'
        Get-Pixel $image 200 10 | Should -Be '0,0,255'
        Get-Pixel $image 319 29 | Should -Be '255,255,255'
        Get-Pixel $image 160 239 | Should -Be '0,0,0'
        Get-Pixel $image 2 120 | Should -Be '0,65,132'
    }

    It 'takes domains from Get-HvDomain and asks for the video heads once' {
        $verbose = Get-HvDomain -State Running | Save-HvDomainScreenshot -Path $script:Folder -WarningAction SilentlyContinue -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose | Where-Object Message -Match 'Enumerate').Count | Should -Be 2 -Because 'one listing of the piped domains, one query for their video heads'
        @($verbose | Where-Object Message -Match 'GetVirtualSystemThumbnailImage').Count | Should -Be 3
        @(Get-ChildItem $script:Folder -Filter *.png).Count | Should -Be 3
    }

    It 'refuses to overwrite a file without -Force, and overwrites it with -Force' {
        $file = Join-Path $script:Folder 'keep.png'
        Set-Content -Path $file -Value 'not a png'
        { Save-HvDomainScreenshot vm-001 -Path $file -Width 8 -Height 8 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ScreenshotFileExists,HyperVLibvirt.Commands.SaveHvDomainScreenshotCommand'
        Get-Content $file | Should -Be 'not a png'

        $saved = Save-HvDomainScreenshot vm-001 -Path $file -Width 8 -Height 8 -Force -PassThru
        $saved.FullName | Should -Be $file
        (Read-Png $file).Width | Should -Be 8
    }

    It 'refuses an existing file in a folder without -Force, per domain' {
        Set-Content -Path (Join-Path $script:Folder 'vm-005.png') -Value 'old'
        $files = @(Save-HvDomainScreenshot vm-001, vm-005 -Path $script:Folder -Width 16 -Height 12 -PassThru -ErrorVariable errors -ErrorAction SilentlyContinue)
        $files.Name | Should -Be @('vm-001.png')
        $errors.FullyQualifiedErrorId | Should -Be 'ScreenshotFileExists,HyperVLibvirt.Commands.SaveHvDomainScreenshotCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errors[0].TargetObject.Name | Should -Be 'vm-005'
        Get-Content (Join-Path $script:Folder 'vm-005.png') | Should -Be 'old'
    }

    It 'says a domain named exactly that is not running has no screen' {
        Save-HvDomainScreenshot vm-002 -Path $script:Folder -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.FullyQualifiedErrorId | Should -Be 'ScreenshotDomainNotRunning,HyperVLibvirt.Commands.SaveHvDomainScreenshotCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        "$($errors[0])" | Should -Match "Domain 'vm-002' .* Start it with Start-HvDomain"
        Get-ChildItem $script:Folder | Should -BeNullOrEmpty
    }

    It 'refuses a size that one answer cannot hold before asking the host' {
        $verbose = Save-HvDomainScreenshot vm-001 -Path $script:Folder -Width 1024 -Height 768 -ErrorVariable errors -ErrorAction SilentlyContinue -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $errors.FullyQualifiedErrorId | Should -Be 'ScreenshotTooLarge,HyperVLibvirt.Commands.SaveHvDomainScreenshotCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        "$($errors[0])" | Should -Match '503×377'
        @($verbose | Where-Object Message -Match 'GetVirtualSystemThumbnailImage') | Should -BeNullOrEmpty
    }

    It 'saves several domains to one file name only once' {
        $file = Join-Path $script:Folder 'single.png'
        $files = @(Save-HvDomainScreenshot vm-001, vm-005 -Path $file -Width 8 -Height 8 -PassThru -ErrorVariable errors -ErrorAction SilentlyContinue)
        $files.Count | Should -Be 1
        $errors.FullyQualifiedErrorId | Should -Be 'ScreenshotFileConflict,HyperVLibvirt.Commands.SaveHvDomainScreenshotCommand'
        "$($errors[0])" | Should -Match 'was not saved'
    }

    It 'with -WhatIf writes no file and asks the host for no picture' {
        $verbose = Save-HvDomainScreenshot -Path $script:Folder -WhatIf -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        Get-ChildItem $script:Folder | Should -BeNullOrEmpty
        @($verbose | Where-Object Message -Match 'GetVirtualSystemThumbnailImage') | Should -BeNullOrEmpty
    }

    It 'with -Confirm:$false writes without asking, and names each file it processes' {
        $out = Save-HvDomainScreenshot vm-001, vm-005 -Path $script:Folder -Width 16 -Height 12 -Confirm:$false -PassThru -Verbose 4>&1
        $files = @($out | Where-Object { $_ -is [IO.FileInfo] })
        $files.Name | Should -Be @('vm-001.png', 'vm-005.png')
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match "Save screenshot to '.*vm-005\.png'" }).Count | Should -Be 1
        (Read-Png (Join-Path $script:Folder 'vm-005.png')).Width | Should -Be 16
    }

    It 'refuses to overwrite without -Force even when -Confirm:$false says go ahead' {
        $file = Join-Path $script:Folder 'vm-001.png'
        Set-Content -Path $file -Value 'old'
        Save-HvDomainScreenshot vm-001 -Path $script:Folder -Width 8 -Height 8 -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.FullyQualifiedErrorId | Should -Be 'ScreenshotFileExists,HyperVLibvirt.Commands.SaveHvDomainScreenshotCommand'
        "$($errors[0])" | Should -Match 'exists'
        $errors[0].ErrorDetails.RecommendedAction | Should -Match '-Force'
        Get-Content $file | Should -Be 'old'
    }

    It 'asks for answers of -MaxEnvelopeSizeKB: larger than the host allows is refused per domain, with the limit to set' {
        Save-HvDomainScreenshot vm-001 -Path $script:Folder -MaxEnvelopeSizeKB 4096 -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.FullyQualifiedErrorId | Should -Be 'ScreenshotTooLarge,HyperVLibvirt.Commands.SaveHvDomainScreenshotCommand'
        "$($errors[0])" | Should -Match 'MaxEnvelopeSizekb="2052"'
        Get-ChildItem $script:Folder | Should -BeNullOrEmpty
    }

    It 'refuses -MaxEnvelopeSizeKB below WinRM''s minimum of 8 KB' {
        { Save-HvDomainScreenshot vm-001 -Path $script:Folder -MaxEnvelopeSizeKB 4 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,HyperVLibvirt.Commands.SaveHvDomainScreenshotCommand'
    }

    It 'wants -Width and -Height together' {
        { Save-HvDomainScreenshot vm-001 -Path $script:Folder -Width 100 } |
            Should -Throw -ErrorId 'ScreenshotSizeIncomplete,HyperVLibvirt.Commands.SaveHvDomainScreenshotCommand'
    }

    It 'stops when the folder of the file does not exist' {
        { Save-HvDomainScreenshot vm-001 -Path (Join-Path $script:Folder 'missing/x.png') } |
            Should -Throw -ErrorId 'ScreenshotFolderNotFound,HyperVLibvirt.Commands.SaveHvDomainScreenshotCommand'
    }

    It 'stops when -Path is not a file system path' {
        { Save-HvDomainScreenshot vm-001 -Path 'Env:\shot' } |
            Should -Throw -ErrorId 'ScreenshotPathNotFileSystem,HyperVLibvirt.Commands.SaveHvDomainScreenshotCommand'
    }

    It 'reports a name that matches no domain as DomainNotFound' {
        Save-HvDomainScreenshot nope -Path $script:Folder -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.FullyQualifiedErrorId | Should -BeLike 'DomainNotFound,*'
    }
}

Describe 'Save-HvDomainScreenshot from a host whose MaxEnvelopeSizekb was raised' {
    BeforeAll {
        $script:LargeSim = Start-TestSimulator -Vms 8 -ExtraArguments @('--max-envelope-kb', '4096')
        $script:LargeConnection = Connect-HvLibvirt (Get-SimulatorUri $script:LargeSim) -Credential $script:LargeSim.Credential -NotDefault
    }

    AfterAll {
        $script:LargeConnection | Disconnect-HvLibvirt -Confirm:$false
        $script:LargeSim | Stop-TestSimulator
    }

    BeforeEach {
        Get-ChildItem $script:Folder | Remove-Item -Force
    }

    It 'saves the full 1024x768 screen with -MaxEnvelopeSizeKB, and warns of nothing' {
        $file = Join-Path $script:Folder 'full.png'
        Save-HvDomainScreenshot vm-001 -Path $file -Connection $script:LargeConnection -MaxEnvelopeSizeKB 4096 -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        $image = Read-Png $file
        $image.Width | Should -Be 1024
        $image.Height | Should -Be 768
        Get-Pixel $image 0 0 | Should -Be '255,0,0'
        Get-Pixel $image 512 767 | Should -Be '0,0,0'
    }

    It 'without -MaxEnvelopeSizeKB still fits the connection''s 500 KB and warns that it scaled the picture' {
        $file = Join-Path $script:Folder 'default.png'
        Save-HvDomainScreenshot vm-001 -Path $file -Connection $script:LargeConnection -WarningVariable warnings -WarningAction SilentlyContinue
        (Read-Png $file).Width | Should -Be 503
        "$($warnings[0])" | Should -Match '1024×768; it is saved at 503×377, the most one WS-Man answer of 500 KB holds.*-MaxEnvelopeSizeKB'
    }
}
