# Every help example, and the README's PowerShell that targets the simulator, runs as shown against
# the stock simulator (the README's command: the default profile, 8 generated VMs, seed 1) and
# prints what it shows. The substitutions, all mechanical and listed here, are the ones a test on
# a shared machine needs:
#   - $cred is defined before each page (a PSCredential for the simulator's 'admin'); a line
#     '$cred = Get-Credential ...' is left out, as it waits for a person.
#   - The simulator listens on free ports instead of 5985/5986 (other runs may hold those): a URI's
#     127.0.0.1 or localhost port, written or implied by its transport, becomes the free one, and
#     in the output a free port reads as the default port it stands for (which the URI leaves out).
#   - A bare '-Confirm' (which asks for each domain) runs as '-Confirm:$false' (yes to all).
#   - 'Import-Module ./output/HyperVLibvirt' imports the module under test; ./sim.cer is the
#     simulator's certificate, in the folder the examples run in.
#   - Each help page but Connect-HvLibvirt's starts where Connect-HvLibvirt's examples leave a
#     session: connected to the simulator as 127.0.0.1 (the default) and as localhost (-NotDefault).
# Not run: the README blocks for a real host (winrm, hv01) and for installing the package
# (tests/Package.Tests.ps1 installs it).
BeforeDiscovery {
    $root = Split-Path $PSScriptRoot -Parent

    function Split-Example([string] $Code) {
        # The code, then (after the first blank line) the output it shows, if any.
        $lines = $Code -split "`r?`n"
        $blank = [array]::IndexOf($lines, '')
        if ($blank -lt 0) { return @{ Code = $Code; Expected = @() } }
        @{ Code = ($lines[0..($blank - 1)] -join "`n"); Expected = @($lines[($blank + 1)..($lines.Count - 1)] | Where-Object { $_.Trim() }) }
    }

    $script:Pages = foreach ($file in Get-ChildItem (Join-Path $root 'en-US/source') -Filter '*.psd1' | Where-Object Name -NotLike '_*' | Sort-Object Name) {
        $help = Import-PowerShellDataFile $file.FullName
        $i = 0
        @{
            Page     = $file.BaseName
            Connect  = $file.BaseName -ne 'Connect-HvLibvirt'
            Examples = @(foreach ($example in $help.Examples) {
                    $i++
                    $split = Split-Example $example.Code
                    @{ Name = "example $i, $($example.Title)"; Code = $split.Code; Expected = $split.Expected }
                })
        }
    }

    $readme = Get-Content -Raw (Join-Path $root 'README.md')
    $using = [regex]::Match($readme, '(?s)## Using it.*?```powershell\r?\n(.*?)```').Groups[1].Value
    $script:Pages += @{
        Page     = 'README'
        Connect  = $false
        Examples = @(@{ Name = 'Using it'; Code = $using; Expected = @() })
    }
}

BeforeAll {
    . $PSScriptRoot/Common.ps1

    function ConvertTo-Runnable([string] $Code, $Sim) {
        $code = ($Code -split "`r?`n" | Where-Object { $_ -notmatch '^\s*\$cred\s*=\s*Get-Credential\b' }) -join "`n"
        $code = [regex]::Replace($code, 'hyperv://([^/''"\s]*@)?(127\.0\.0\.1|localhost)(:\d+)?/(\?transport=http\b)?', {
                param($m)
                $port = if ($m.Groups[4].Success) { $Sim.HttpPort } else { $Sim.HttpsPort }
                "hyperv://$($m.Groups[1].Value)$($m.Groups[2].Value):$port/$($m.Groups[4].Value)"
            })
        $code = $code -replace '(?<=\s)-Confirm(?=\s|$)', '-Confirm:$false'
        $code -replace 'Import-Module \./output/HyperVLibvirt\b', "Import-Module '$(Get-TestModulePath)'"
    }

    function Format-Line([string] $Line, $Sim) {
        # Spacing depends on the widest value; a free port stands for the default port.
        $Line = $Line -replace ":$($Sim.HttpPort)/", '/' -replace ":$($Sim.HttpsPort)/", '/'
        ($Line.Trim() -replace '\s+', ' ')
    }
}

Describe 'The examples of <Page>' -ForEach $script:Pages {
    BeforeAll {
        $script:Sim = Start-TestSimulator -Https -Vms 8 -Seed 1
        $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ('hvl-examples-' + [guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $script:Folder
        Copy-Item $script:Sim.CertificatePath (Join-Path $script:Folder 'sim.cer')
        $script:Runspace = [runspacefactory]::CreateRunspace()
        $script:Runspace.Open()
        $ps = [powershell]::Create()
        $ps.Runspace = $script:Runspace
        $null = $ps.AddScript({
                param($ModulePath, $Credential, $Folder, $Uri, $Connect)
                Set-Location $Folder
                Import-Module $ModulePath
                $global:cred = $Credential
                if ($Connect) {
                    $null = Connect-HvLibvirt $Uri -Credential $Credential
                    $null = Connect-HvLibvirt ($Uri -replace '@127\.0\.0\.1:', '@localhost:') -Credential $Credential -NotDefault
                }
            }).AddArgument((Get-TestModulePath)).AddArgument($script:Sim.Credential).AddArgument($script:Folder).AddArgument((Get-SimulatorUri $script:Sim)).AddArgument($Connect)
        $null = $ps.Invoke()
        $ps.Streams.Error | Should -BeNullOrEmpty
        $ps.Dispose()
    }
    AfterAll {
        $script:Runspace.Dispose()
        $script:Sim | Stop-TestSimulator
        Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It '<Name> runs without an error and prints what it shows' -ForEach $Examples {
        $ps = [powershell]::Create()
        $ps.Runspace = $script:Runspace
        try {
            $null = $ps.AddScript((ConvertTo-Runnable $Code $script:Sim)).AddCommand('Out-String').AddParameter('Width', 300)
            $printed = (@($ps.Invoke()) -join "`n") -split "`r?`n"
            $errors = @($ps.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
            $errors -join "`n" | Should -BeNullOrEmpty
        }
        finally { $ps.Dispose() }
        $actual = @($printed | ForEach-Object { Format-Line $_ $script:Sim })
        foreach ($line in $Expected) {
            if ($line -match '^[\s-]+$') { continue }   # a table's rule: its length follows the widest value
            $actual | Should -Contain (Format-Line $line $script:Sim) -Because "the example shows '$($line.Trim())'"
        }
    }
}
