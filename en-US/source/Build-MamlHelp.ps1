#Requires -Version 7.4
<#
.SYNOPSIS
    Writes en-US/HyperVLibvirt.dll-Help.xml (MAML) from the built module and the prose in en-US/source/<Verb-Noun>.psd1.

.DESCRIPTION
    The facts of every parameter (type, position, parameter sets, pipeline input, aliases,
    wildcards, mandatory) come from the compiled cmdlets, so the help cannot drift from the
    code; only the prose (synopsis, descriptions, defaults, examples, notes) is written by hand,
    one data file per cmdlet. Run it after 'build.ps1 -Task Build' and check in the result;
    tests/Help.Tests.ps1 regenerates it and fails when the checked-in file differs.

    Files starting with an underscore hold texts shared by a family of cmdlets (see Include).
    A cmdlet the module exports without a source file is left out with a warning (and
    tests/Help.Tests.ps1 then fails for it).

.EXAMPLE
    dotnet pwsh ./en-US/source/Build-MamlHelp.ps1
#>
[CmdletBinding()]
param(
    # The built module's manifest; by default the one under output/.
    [string] $ModuleManifest,

    # Where to write the MAML.
    [string] $OutFile = (Join-Path (Split-Path $PSScriptRoot -Parent) 'HyperVLibvirt.dll-Help.xml'),

    # Write to the pipeline instead of a file (the test compares this with the checked-in file).
    [switch] $PassThru
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$SourceDir = $PSScriptRoot
if (-not $ModuleManifest) {
    $repo = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $ModuleManifest = Get-ChildItem (Join-Path $repo 'output/HyperVLibvirt') -Filter 'HyperVLibvirt.psd1' -Recurse -ErrorAction SilentlyContinue |
        Select-Object -First 1 -ExpandProperty FullName
    if (-not $ModuleManifest) { throw 'The module is not built: run ./build.ps1 -Task Build first.' }
}

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

# WhatIf and Confirm are not common parameters, but their text is the same for every cmdlet.
$StandardParameters = @{
    WhatIf  = @{ Description = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'; Default = 'False' }
    Confirm = @{ Description = 'Prompts you for confirmation before running the cmdlet.'; Default = 'False' }
}

function Get-ShortTypeName([type] $Type) {
    if ($Type.IsArray) { return (Get-ShortTypeName $Type.GetElementType()) + '[]' }
    $inner = [Nullable]::GetUnderlyingType($Type)
    if ($inner) { return Get-ShortTypeName $inner }
    $Type.Name
}

function Get-FullTypeName([type] $Type) {
    $inner = [Nullable]::GetUnderlyingType($Type)
    if ($inner) { return Get-FullTypeName $inner }
    $Type.FullName
}

function Get-PipelineText($Sets) {
    $byValue = [bool]($Sets | Where-Object ValueFromPipeline)
    $byName = [bool]($Sets | Where-Object ValueFromPipelineByPropertyName)
    $kinds = @(if ($byValue) { 'ByValue' }; if ($byName) { 'ByPropertyName' })
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Write-Paragraphs([System.Xml.XmlWriter] $W, [string] $Element, $Paragraphs) {
    $W.WriteStartElement('maml', $Element, $ns.maml)
    foreach ($p in @($Paragraphs)) {
        $W.WriteElementString('maml', 'para', $ns.maml, [string] $p)
    }
    $W.WriteEndElement()
}

function Write-Parameter {
    param(
        [System.Xml.XmlWriter] $W,
        [System.Management.Automation.ParameterMetadata] $Parameter,
        $Prose,
        [bool] $Required,
        [string] $Position,
        [string] $Pipeline,
        [switch] $InSyntax
    )
    $isSwitch = $Parameter.SwitchParameter
    $globbing = [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $aliases = if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }

    $W.WriteStartElement('command', 'parameter', $ns.command)
    $W.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', 'true')
    $W.WriteAttributeString('globbing', $globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $Pipeline)
    $W.WriteAttributeString('position', $Position)
    $W.WriteAttributeString('aliases', $aliases)
    $W.WriteElementString('maml', 'name', $ns.maml, $Parameter.Name)
    Write-Paragraphs $W 'description' $Prose.Description
    # A switch shows as [-Name] in the syntax; elsewhere its type still says SwitchParameter.
    if (-not ($isSwitch -and $InSyntax)) {
        $W.WriteStartElement('command', 'parameterValue', $ns.command)
        $W.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $W.WriteAttributeString('variableLength', 'false')
        $W.WriteString((Get-ShortTypeName $Parameter.ParameterType))
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $ns.dev)
    $W.WriteElementString('maml', 'name', $ns.maml, (Get-FullTypeName $Parameter.ParameterType))
    $W.WriteElementString('maml', 'uri', $ns.maml, '')
    $W.WriteEndElement()
    $default = if ($Prose.Contains('Default')) { $Prose.Default } elseif ($isSwitch) { 'False' } else { 'None' }
    $W.WriteElementString('dev', 'defaultValue', $ns.dev, $default)
    $W.WriteEndElement()
}

function Write-TypeList([System.Xml.XmlWriter] $W, [string] $ListElement, [string] $ItemElement, $Items) {
    $W.WriteStartElement('command', $ListElement, $ns.command)
    foreach ($item in @($Items)) {
        $W.WriteStartElement('command', $ItemElement, $ns.command)
        $W.WriteStartElement('dev', 'type', $ns.dev)
        $W.WriteElementString('maml', 'name', $ns.maml, $item.Type)
        $W.WriteElementString('maml', 'uri', $ns.maml, '')
        $W.WriteEndElement()
        Write-Paragraphs $W 'description' $item.Description
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
}

function Write-Command([System.Xml.XmlWriter] $W, [System.Management.Automation.CommandInfo] $Command, [hashtable] $Prose) {
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $parameters = @($Command.Parameters.Values | Where-Object { $_.Name -notin $common })
    foreach ($p in $parameters) {
        if (-not $Prose.Parameters.Contains($p.Name) -and -not $StandardParameters.Contains($p.Name)) {
            throw "$($Command.Name): en-US/source/$($Command.Name).psd1 does not describe parameter -$($p.Name)."
        }
    }
    $proseOf = { param($name) if ($Prose.Parameters.Contains($name)) { $Prose.Parameters[$name] } else { $StandardParameters[$name] } }

    $W.WriteStartElement('command', 'command', $ns.command)
    $W.WriteAttributeString('xmlns', 'maml', $null, $ns.maml)
    $W.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)
    $W.WriteAttributeString('xmlns', 'MSHelp', $null, $ns.MSHelp)

    $W.WriteStartElement('command', 'details', $ns.command)
    $W.WriteElementString('command', 'name', $ns.command, $Command.Name)
    $W.WriteElementString('command', 'verb', $ns.command, $Command.Verb)
    $W.WriteElementString('command', 'noun', $ns.command, $Command.Noun)
    Write-Paragraphs $W 'description' $Prose.Synopsis
    $W.WriteEndElement()

    Write-Paragraphs $W 'description' $Prose.Description

    # One syntax item per parameter set: positional parameters first, as PowerShell prints them.
    $W.WriteStartElement('command', 'syntax', $ns.command)
    $sets = @($Command.ParameterSets | Sort-Object { -not $_.IsDefault }, Name)
    foreach ($set in $sets) {
        $W.WriteStartElement('command', 'syntaxItem', $ns.command)
        $W.WriteElementString('maml', 'name', $ns.maml, $Command.Name)
        $inSet = @($set.Parameters | Where-Object { $_.Name -notin $common })
        $ordered = @($inSet | Where-Object Position -ge 0 | Sort-Object Position) + @($inSet | Where-Object Position -lt 0)
        foreach ($sp in $ordered) {
            $position = if ($sp.Position -ge 0) { [string] $sp.Position } else { 'named' }
            Write-Parameter $W $Command.Parameters[$sp.Name] (& $proseOf $sp.Name) $sp.IsMandatory $position (Get-PipelineText $sp) -InSyntax
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    # Every parameter once: mandatory only if mandatory in every set it belongs to.
    $W.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($p in $parameters | Sort-Object Name) {
        $inSets = @($Command.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -eq $p.Name })
        $required = @($inSets | Where-Object { -not $_.IsMandatory }).Count -eq 0
        $positions = @($inSets | Where-Object Position -ge 0 | Select-Object -ExpandProperty Position -Unique)
        $position = if ($positions.Count) { [string] $positions[0] } else { 'named' }
        Write-Parameter $W $p (& $proseOf $p.Name) $required $position (Get-PipelineText $inSets)
    }
    $W.WriteEndElement()

    Write-TypeList $W 'inputTypes' 'inputType' $Prose.Inputs
    Write-TypeList $W 'returnValues' 'returnValue' $Prose.Outputs

    $W.WriteStartElement('maml', 'alertSet', $ns.maml)
    Write-Paragraphs $W 'alert' $Prose.Notes
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'examples', $ns.command)
    $n = 0
    foreach ($example in $Prose.Examples) {
        $n++
        $W.WriteStartElement('command', 'example', $ns.command)
        $W.WriteElementString('maml', 'title', $ns.maml, "--------- Example ${n}: $($example.Title) ---------")
        $W.WriteElementString('dev', 'code', $ns.dev, $example.Code.Trim())
        $W.WriteStartElement('dev', 'remarks', $ns.dev)
        foreach ($p in @($example.Remarks)) { $W.WriteElementString('maml', 'para', $ns.maml, $p) }
        $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($link in @($Prose.Links)) {
        $W.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $W.WriteElementString('maml', 'linkText', $ns.maml, $link)
        $W.WriteElementString('maml', 'uri', $ns.maml, '')
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}

$module = Import-Module $ModuleManifest -PassThru -Force
$exported = @((Import-PowerShellDataFile $ModuleManifest).CmdletsToExport)

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.NewLineChars = "`n"
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$buffer = [System.IO.StringWriter]::new()
$writer = [System.Xml.XmlWriter]::Create($buffer, $settings)
$writer.WriteStartDocument()
$writer.WriteComment(' Generated by en-US/source/Build-MamlHelp.ps1 from en-US/source/*.psd1 and the built cmdlets. Edit the sources, not this file. ')
$writer.WriteStartElement('helpItems', 'http://msh')
$writer.WriteAttributeString('schema', 'maml')
foreach ($name in $exported | Sort-Object) {
    $sourceFile = Join-Path $SourceDir "$name.psd1"
    if (-not (Test-Path $sourceFile)) {
        Write-Warning "No help source for $name (expected $sourceFile); it is left out."
        continue
    }
    $command = Get-Command -Module $module.Name -Name $name
    $prose = Import-PowerShellDataFile $sourceFile
    # Cmdlets of one family share parameter texts: Include names a data file whose Parameters
    # fill in the ones the cmdlet's own file does not describe.
    if ($prose.Contains('Include')) {
        $shared = Import-PowerShellDataFile (Join-Path $SourceDir $prose.Include)
        foreach ($key in $shared.Parameters.Keys) {
            if (-not $prose.Parameters.Contains($key)) { $prose.Parameters[$key] = $shared.Parameters[$key] }
        }
    }
    Write-Command $writer $command $prose
}
$writer.WriteEndElement()
$writer.WriteEndDocument()
$writer.Flush()
$writer.Dispose()
# StringWriter reports UTF-16 in the declaration; the file is UTF-8.
$text = $buffer.ToString().Replace('encoding="utf-16"', 'encoding="utf-8"') + "`n"

if ($PassThru) { return $text }
[System.IO.File]::WriteAllText($OutFile, $text, [System.Text.UTF8Encoding]::new($false))
Write-Host "Wrote $OutFile"
