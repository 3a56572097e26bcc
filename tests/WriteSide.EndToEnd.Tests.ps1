# The write side as a user meets it: a VM made from XML or from parameters, given a disk, a DVD and a network
# adapter, resized, started, photographed, checkpointed, reverted and removed, each step read back from the host.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-Module (Get-TestModulePath) -Force
    $script:Sim = Start-TestSimulator -Vms 8
    $script:Connection = Connect-HvLibvirt (Get-SimulatorUri $script:Sim) -Credential $script:Sim.Credential
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('hv-e2e-' + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory -Path $script:Work | Out-Null

    function script:Get-PngSize([string] $Path) {
        # A PNG's IHDR holds the width and height, big-endian, at bytes 16 and 20.
        $bytes = [IO.File]::ReadAllBytes($Path)
        [pscustomobject]@{
            Signature = [BitConverter]::ToString($bytes, 0, 8)
            Width     = ([int] $bytes[16] -shl 24) -bor ([int] $bytes[17] -shl 16) -bor ([int] $bytes[18] -shl 8) -bor $bytes[19]
            Height    = ([int] $bytes[20] -shl 24) -bor ([int] $bytes[21] -shl 16) -bor ([int] $bytes[22] -shl 8) -bor $bytes[23]
        }
    }
}

AfterAll {
    Disconnect-HvLibvirt -All -Confirm:$false
    $script:Sim | Stop-TestSimulator
    Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'A VM from parameters through its whole life' {
    It 'is made, equipped, resized, started, photographed, checkpointed, reverted and removed, each step read back' {
        $before = @(Get-HvDomain).Count

        # Made: off, generation 2 (UEFI), with the memory and vCPUs asked for.
        $vm = New-HvDomain e2e-params -Generation 2 -MemoryStartupBytes 1GB -VcpuCount 1 -Description 'end to end'
        $vm.Name | Should -Be 'e2e-params'
        $vm.State | Should -Be 'Shutoff'
        @(Get-HvDomain).Count | Should -Be ($before + 1)
        $xml = Get-HvDomainXml -Uuid $vm.Uuid -AsDocument
        $xml.domain.os.firmware | Should -Be 'efi'
        $xml.domain.memory.InnerText | Should -Be '1048576'
        $xml.domain.vcpu.InnerText | Should -Be '1'
        $xml.domain.description | Should -Be 'end to end'

        # Equipped: a new VHDX, a DVD with an ISO and an adapter on a switch, each read back.
        New-HvVirtualHardDisk -Path 'C:\VMs\e2e-params.vhdx' -SizeBytes 20GB | Out-Null
        $vm | Add-HvDomainDevice -VhdPath 'C:\VMs\e2e-params.vhdx'
        $vm | Add-HvDomainDevice -IsoPath 'C:\ISO\Fedora-Server-netinst-x86_64-41.iso'
        $vm | Add-HvDomainDevice -SwitchName External -MacAddress 00:15:5D:0E:2E:01
        $blocks = @(Get-HvDomainBlockInfo -Uuid $vm.Uuid -Capacity)
        $disk = $blocks | Where-Object Source -EQ 'C:\VMs\e2e-params.vhdx'
        $disk.Device | Should -Be 'disk'
        $disk.Capacity | Should -Be 20GB
        ($blocks | Where-Object Device -EQ 'cdrom').Source | Should -Be 'C:\ISO\Fedora-Server-netinst-x86_64-41.iso'
        $xml = Get-HvDomainXml -Uuid $vm.Uuid -AsDocument
        $xml.domain.devices.controller.type | Should -Contain 'scsi'
        $xml.domain.devices.interface.mac.address | Should -BeExactly '00:15:5d:0e:2e:01'
        $external = Get-HvNetwork External
        $xml.domain.devices.interface.source.bridge | Should -Be $external.Uuid.ToString().ToUpperInvariant()

        # Resized while off: memory and vCPUs read back.
        Set-HvDomain -Uuid $vm.Uuid -MaxMemory 2GB -Memory 2GB -VcpuCount 2
        $xml = Get-HvDomainXml -Uuid $vm.Uuid -AsDocument
        $xml.domain.currentMemory.InnerText | Should -Be '2097152'
        $xml.domain.vcpu.InnerText | Should -Be '2'

        # Started.
        Start-HvDomain -Uuid $vm.Uuid
        (Get-HvDomain -Uuid $vm.Uuid).State | Should -Be 'Running'

        # Photographed: a PNG of the running screen's shape.
        $png = Join-Path $script:Work 'e2e-params.png'
        Save-HvDomainScreenshot -Uuid $vm.Uuid -Path $png -WarningAction SilentlyContinue
        $size = Get-PngSize $png
        $size.Signature | Should -Be '89-50-4E-47-0D-0A-1A-0A'
        $size.Width / $size.Height | Should -BeGreaterThan 1.3
        $size.Width / $size.Height | Should -BeLessThan 1.37

        # Checkpointed while running, then turned off, then reverted: the snapshot's saved state comes back.
        $snapshot = Checkpoint-HvDomain -Uuid $vm.Uuid -SnapshotName before-change -PassThru
        $snapshot.Name | Should -Be 'before-change'
        $snapshot.HasMemory | Should -BeTrue
        (Get-HvDomainSnapshot -DomainName e2e-params -Current).Name | Should -Be 'before-change'
        Stop-HvDomain -Uuid $vm.Uuid -TurnOff -Confirm:$false
        (Get-HvDomain -Uuid $vm.Uuid).State | Should -Be 'Shutoff'
        Get-HvDomainSnapshot -DomainName e2e-params -Name before-change | Restore-HvDomainSnapshot -Confirm:$false
        (Get-HvDomain -Uuid $vm.Uuid).HyperVState | Should -Be 'Saved'

        # Removed: gone from the host, which keeps the disk file as Hyper-V does.
        Remove-HvDomain -Uuid $vm.Uuid -Force -Confirm:$false
        Get-HvDomain -Uuid $vm.Uuid -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @(Get-HvDomain).Count | Should -Be $before
        (Get-HvDomainBlockInfo vm-001 | Select-Object -First 1) | Should -Not -BeNullOrEmpty
    }
}

Describe 'A VM from libvirt domain XML' {
    It 'reads back the XML it was made from, and lives through the same steps' {
        New-HvVirtualHardDisk -Path 'C:\VMs\e2e-xml.vhdx' -SizeBytes 10GB | Out-Null
        $external = (Get-HvNetwork External).Uuid.ToString().ToUpperInvariant()
        $uuid = [guid]::NewGuid().ToString()
        $text = @"
<domain type='hyperv'>
  <name>e2e-xml</name>
  <uuid>$uuid</uuid>
  <maxMemory slots='0' unit='KiB'>2097152</maxMemory>
  <memory unit='KiB'>2097152</memory>
  <currentMemory unit='KiB'>2097152</currentMemory>
  <vcpu placement='static'>2</vcpu>
  <os firmware='efi'>
    <type>hvm</type>
  </os>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>destroy</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <source file='C:\VMs\e2e-xml.vhdx'/>
      <target dev='sda' bus='scsi'/>
      <address type='drive' controller='0' bus='0' target='0' unit='0'/>
    </disk>
    <disk type='file' device='cdrom'>
      <source file='C:\ISO\Fedora-Server-netinst-x86_64-41.iso'/>
      <target dev='sdb' bus='scsi'/>
      <address type='drive' controller='0' bus='0' target='0' unit='1'/>
    </disk>
    <controller type='scsi' index='0'/>
    <interface type='bridge'>
      <mac address='00:15:5d:0e:2e:02'/>
      <source bridge='$external'/>
    </interface>
    <serial type='pipe'>
      <source path='\\.\pipe\e2e-xml-com1'/>
      <target port='1'/>
    </serial>
    <serial type='pipe'>
      <source path=''/>
      <target port='2'/>
    </serial>
  </devices>
</domain>
"@
        $vm = $text | New-HvDomain
        $vm.Uuid | Should -Be ([guid] $uuid)
        # XML in, the same XML out (the host assigns nothing this XML did not give).
        (Get-HvDomainXml -Uuid $vm.Uuid).TrimEnd() | Should -BeExactly $text.Replace("`r`n", "`n").TrimEnd()

        Set-HvDomain -Uuid $vm.Uuid -MaxMemory 4GB -Memory 4GB
        (Get-HvDomainXml -Uuid $vm.Uuid -AsDocument).domain.currentMemory.InnerText | Should -Be '4194304'
        Start-HvDomain -Uuid $vm.Uuid
        (Get-HvDomain -Uuid $vm.Uuid).State | Should -Be 'Running'
        $png = Join-Path $script:Work 'e2e-xml.png'
        Save-HvDomainScreenshot -Uuid $vm.Uuid -Path $png -WarningAction SilentlyContinue
        (Get-PngSize $png).Width | Should -BeGreaterThan 0
        Checkpoint-HvDomain -Uuid $vm.Uuid -SnapshotName base
        Stop-HvDomain -Uuid $vm.Uuid -TurnOff -Confirm:$false
        Restore-HvDomainSnapshot -DomainName e2e-xml -Name base -Confirm:$false
        (Get-HvDomain -Uuid $vm.Uuid).HyperVState | Should -Be 'Saved'
        Remove-HvDomain -Uuid $vm.Uuid -Force -Confirm:$false
        Get-HvDomain -Uuid $vm.Uuid -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'leaves nothing behind when a step after DefineSystem fails' {
        # A host whose second AddResourceSettings job fails: the DVD's image, after the disk went in.
        $faulty = Start-TestSimulator -Vms 2 -ExtraArguments @('--fault', 'job:AddResourceSettings@2')
        try {
            $connection = Connect-HvLibvirt (Get-SimulatorUri $faulty) -Credential $faulty.Credential -NotDefault
            $before = @(Get-HvDomain -Connection $connection).Uuid
            $text = "<domain type='hyperv'><name>e2e-broken</name><memory unit='GiB'>1</memory><devices><disk type='file' device='cdrom'><source file='C:\ISO\Fedora-Server-netinst-x86_64-41.iso'/><target dev='hdc' bus='ide'/></disk></devices></domain>"
            $text | New-HvDomain -Connection $connection -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].Exception.Message | Should -Match 'e2e-broken'
            @(Get-HvDomain -Connection $connection).Uuid | Should -Be $before
        } finally {
            Disconnect-HvLibvirt -Connection $connection -Confirm:$false -ErrorAction SilentlyContinue
            $faulty | Stop-TestSimulator
        }
    }
}
