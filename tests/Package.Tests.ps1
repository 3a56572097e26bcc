BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:ModulePath = Get-TestModulePath
    $script:ModuleDir = Split-Path $script:ModulePath -Parent
    $script:Version = (Import-PowerShellDataFile $script:ModulePath).ModuleVersion
    # build.ps1 -Task Package (which -Task Test runs) publishes next to the built module: output/repo.
    $script:RepoDir = Join-Path (Split-Path (Split-Path $script:ModuleDir -Parent) -Parent) 'repo'
    $script:Package = Join-Path $script:RepoDir "HyperVLibvirt.$($script:Version).nupkg"
    $script:SaveDir = Join-Path ([IO.Path]::GetTempPath()) ('hvl-package-' + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $script:SaveDir

    function Invoke-ChildPwsh([string] $Command) {
        # A fresh process: this one already has the built module (same assembly names) loaded.
        $pwsh = [Environment]::ProcessPath
        $arguments = @('-NoProfile', '-NonInteractive', '-Command', $Command)
        if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -ne 'pwsh') {
            # Started as 'dotnet pwsh' (a local tool): run the same PowerShell through dotnet.
            $arguments = @('exec', (Join-Path $PSHOME 'pwsh.dll')) + $arguments
        }
        & $pwsh @arguments
    }
}

AfterAll {
    Remove-Item $script:SaveDir -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The package' {
    It 'was produced by build.ps1 -Task Package as HyperVLibvirt.<version>.nupkg' {
        $script:Package | Should -Exist -Because 'run ./build.ps1 -Task Package (the Test task does) first'
    }

    It 'installs from the folder repository into a temporary folder, with exactly the built files' {
        $repoName = 'HyperVLibvirtTest-' + [guid]::NewGuid().ToString('n')
        # A repository name of our own, removed again: the user's repositories stay as they were.
        Register-PSResourceRepository -Name $repoName -Uri $script:RepoDir -Trusted
        try {
            Save-PSResource -Name HyperVLibvirt -Version $script:Version -Repository $repoName -Path $script:SaveDir `
                -TrustRepository -SkipDependencyCheck -Quiet
        }
        finally { Unregister-PSResourceRepository -Name $repoName }
        (Get-PSResourceRepository -Name $repoName -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty

        $installed = Join-Path $script:SaveDir "HyperVLibvirt/$($script:Version)"
        foreach ($built in Get-ChildItem $script:ModuleDir -Recurse -File) {
            $relative = [IO.Path]::GetRelativePath($script:ModuleDir, $built.FullName)
            $copy = Join-Path $installed $relative
            $copy | Should -Exist -Because "$relative ships"
            (Get-FileHash $copy).Hash | Should -Be (Get-FileHash $built.FullName).Hash -Because "$relative is the built file"
        }
        # And nothing else: every installed file is a built one, except PSResourceGet's own record of the install.
        foreach ($copy in Get-ChildItem $installed -Recurse -File) {
            $relative = [IO.Path]::GetRelativePath($installed, $copy.FullName)
            if ($relative -eq 'PSGetModuleInfo.xml') { continue }
            Join-Path $script:ModuleDir $relative | Should -Exist -Because "$relative was installed, so it must be a built file"
        }
    }

    It 'imports from the installed folder and talks to a host' {
        $manifest = Join-Path $script:SaveDir "HyperVLibvirt/$($script:Version)/HyperVLibvirt.psd1"
        $sim = Start-TestSimulator -Vms 3
        try {
            # The password travels in the environment, never on a command line.
            $env:HVL_PACKAGE_TEST_PASSWORD = $sim.Password
            $uri = Get-SimulatorUri $sim
            $output = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
`$module = Import-Module '$manifest' -PassThru
`$cred = [pscredential]::new('$($sim.UserName)', (ConvertTo-SecureString `$env:HVL_PACKAGE_TEST_PASSWORD -AsPlainText -Force))
`$null = Connect-HvLibvirt '$uri' -Credential `$cred
[pscustomobject]@{
    Path    = `$module.ModuleBase
    Domains = @(Get-HvDomain).Count
    Default = (Get-HvConnection -Default).Uri
    Help    = (Get-Help Get-HvDomain).Synopsis
} | ConvertTo-Json -Compress
"@
            $LASTEXITCODE | Should -Be 0
            $result = ($output | Select-Object -Last 1) | ConvertFrom-Json
            $result.Path | Should -BeLike "$($script:SaveDir)*"
            $result.Domains | Should -Be 3
            $result.Default | Should -Be $uri
            $result.Help | Should -Be 'Gets the virtual machines (libvirt domains) of Hyper-V hosts.'
        }
        finally {
            Remove-Item Env:HVL_PACKAGE_TEST_PASSWORD -ErrorAction SilentlyContinue
            $sim | Stop-TestSimulator
        }
    }
}
