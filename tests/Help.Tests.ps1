BeforeDiscovery {
    . $PSScriptRoot/Common.ps1
    # Every cmdlet the manifest exports must be documented, including ones added later.
    $script:Cmdlets = @((Import-PowerShellDataFile (Get-TestModulePath)).CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    # Common parameters are documented by PowerShell itself.
    $script:Common = [System.Management.Automation.Cmdlet]::CommonParameters
}

Describe 'Help for <Name>' -ForEach $script:Cmdlets {
    BeforeAll {
        $script:Help = Get-Help $Name -Full
        $script:Command = Get-Command $Name
        $script:Documented = @($script:Help.parameters.parameter | Where-Object { $_ })
    }

    It 'has a written synopsis, not the generated syntax line' {
        $synopsis = "$($script:Help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        $synopsis | Should -Not -Match "^$([regex]::Escape($Name))\b"
    }

    It 'has a description' {
        ($script:Help.description.Text -join ' ').Trim().Length | Should -BeGreaterThan 40
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @($script:Help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Match ([regex]::Escape($Name))
            ($example.remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'describes every parameter' {
        foreach ($parameter in $script:Command.Parameters.Keys | Where-Object { $_ -notin $script:Common }) {
            $entry = $script:Documented | Where-Object name -eq $parameter
            $entry | Should -Not -BeNullOrEmpty -Because "-$parameter must be documented"
            ($entry.description.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }

    It 'documents no parameter the cmdlet does not have' {
        foreach ($entry in $script:Documented) {
            $script:Command.Parameters.Keys | Should -Contain $entry.name
        }
    }

    It 'states each parameter''s position, pipeline input and wildcards as the code does' {
        foreach ($entry in $script:Documented) {
            $metadata = $script:Command.Parameters[$entry.name]
            $inSets = @($script:Command.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -eq $entry.name })
            $position = @($inSets | Where-Object Position -ge 0 | Select-Object -ExpandProperty Position -First 1)
            $entry.position | Should -Be $(if ($position.Count) { "$($position[0])" } else { 'named' }) -Because "-$($entry.name)"
            $byValue = [bool]($inSets | Where-Object ValueFromPipeline)
            $byName = [bool]($inSets | Where-Object ValueFromPipelineByPropertyName)
            ($entry.pipelineInput -like 'True*') | Should -Be ($byValue -or $byName) -Because "-$($entry.name) pipeline input"
            ($entry.pipelineInput -match 'ByValue') | Should -Be $byValue -Because "-$($entry.name) by value"
            $wildcards = [bool]($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            $entry.globbing | Should -Be $wildcards.ToString().ToLowerInvariant() -Because "-$($entry.name) wildcards"
        }
    }

    It 'names its output type as [OutputType] does' {
        $declared = @($script:Command.OutputType.Name)
        $declared | Should -Not -BeNullOrEmpty -Because 'every cmdlet declares [OutputType]'
        $documented = @($script:Help.returnValues.returnValue.type.name)
        foreach ($type in $declared) { $documented | Should -Contain $type }
    }

    It 'has one syntax block per parameter set' {
        @($script:Help.syntax.syntaxItem).Count | Should -Be @($script:Command.ParameterSets).Count
    }
}

Describe 'Conceptual help' {
    It 'Get-Help about_HyperVLibvirt_Authentication shows the authentication topic' {
        $text = Get-Help about_HyperVLibvirt_Authentication | Out-String
        $text | Should -Match 'about_HyperVLibvirt_Authentication'
        $text | Should -Match 'UseManagedNtlm'
        $text | Should -Match 'NOT YET CONFIRMED ON A LIVE HOST'
    }

    It 'Get-Help about_HyperVLibvirt shows the topic' {
        $text = Get-Help about_HyperVLibvirt | Out-String
        $text | Should -Match 'about_HyperVLibvirt'
        $text | Should -Match 'hyperv://'
    }
}

Describe 'The checked-in MAML' {
    It 'is what en-US/source/Build-MamlHelp.ps1 generates from the sources and the built cmdlets' {
        $generator = Join-Path $script:RepoRoot 'en-US/source/Build-MamlHelp.ps1'
        $expected = & $generator -ModuleManifest (Get-TestModulePath) -PassThru -WarningAction SilentlyContinue
        $actual = Get-Content -Raw (Join-Path $script:RepoRoot 'en-US/HyperVLibvirt.dll-Help.xml')
        $actual | Should -BeExactly $expected -Because 'run en-US/source/Build-MamlHelp.ps1 after changing a cmdlet or its help source'
    }
}
