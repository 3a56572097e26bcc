BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:ModulePath = Get-TestModulePath
    $script:ModuleDir = Split-Path $script:ModulePath -Parent
    $script:Manifest = Import-PowerShellDataFile $script:ModulePath
    Import-Module $script:ModulePath -Force
}

Describe 'The built module' {
    It 'imports and reports the manifest version' {
        $module = Get-Module HyperVLibvirt
        $module | Should -Not -BeNullOrEmpty
        $module.Version | Should -Be ([version] $script:Manifest.ModuleVersion)
    }

    It 'passes Test-ModuleManifest' {
        $tested = Test-ModuleManifest -Path $script:ModulePath -ErrorAction Stop
        $tested.Name | Should -Be 'HyperVLibvirt'
        $tested.PowerShellVersion | Should -Be ([version] '7.4')
        $tested.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'exports exactly the cmdlets the manifest lists' {
        $exported = @((Get-Command -Module HyperVLibvirt).Name | Sort-Object)
        $listed = @($script:Manifest.CmdletsToExport | Sort-Object)
        $exported | Should -Be $listed
    }

    It 'names every exported cmdlet in the README''s cmdlet table' {
        $readme = Get-Content (Join-Path $script:RepoRoot 'README.md') -Raw
        $table = [regex]::Match($readme, '(?s)## Cmdlets\s*\n(.*?)\n\n').Groups[1].Value
        $table | Should -Not -BeNullOrEmpty
        $unlisted = (Get-Command -Module HyperVLibvirt).Name | Where-Object { $table -notmatch ('`' + [regex]::Escape($_) + '`') }
        $unlisted | Should -BeNullOrEmpty -Because 'a user reads the README''s table to find the cmdlets'
    }

    It 'lists its cmdlets explicitly, with no wildcard' {
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport') {
            $script:Manifest[$key] | Where-Object { $_ -match '[*?]' } | Should -BeNullOrEmpty -Because "$key must be explicit"
        }
    }

    It 'ships no System.Management.Automation.dll' {
        Get-ChildItem $script:ModuleDir -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
    }

    It 'ships only allow-listed files' {
        $allowed = '^(HyperVLibvirt\.psd1|HyperVLibvirt(\.Core)?\.dll|StbImageWriteSharp\.dll|[^/\\]+\.(Format|Types)\.ps1xml|en-US[/\\][^/\\]+\.(xml|txt))$'
        $files = Get-ChildItem $script:ModuleDir -Recurse -File |
            ForEach-Object { [IO.Path]::GetRelativePath($script:ModuleDir, $_.FullName) }
        $files | Where-Object { $_ -notmatch $allowed } | Should -BeNullOrEmpty
        $files | Should -Contain 'HyperVLibvirt.dll'
    }

    It 'stamps the manifest version into its assemblies' {
        foreach ($dll in 'HyperVLibvirt.dll', 'HyperVLibvirt.Core.dll') {
            $name = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $script:ModuleDir $dll))
            $name.Version.ToString(3) | Should -Be $script:Manifest.ModuleVersion
        }
    }
}
