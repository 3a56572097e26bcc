namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// root/cimv2's CIM_DataFile rows for the host's files (Microsoft's CIM_DataFile class documentation). The Win32
/// file provider writes Name, Path, Drive, FileName and Extension in lower case whatever the file's own spelling,
/// so they are lower-cased here too; clients compare paths without case, as NTFS does.
/// </summary>
internal static class DataFileInstanceFactory
{
    /// <summary>When the files the VMs were made with were written.</summary>
    private static readonly DateTimeOffset InventoryFilesWritten = new(2025, 1, 15, 9, 30, 0, TimeSpan.Zero);

    public static CimInstance DataFile(HostNamespace cimv2, string computerName, HostFile file)
    {
        var name = file.Path.ToLowerInvariant();
        var f = cimv2.New("CIM_DataFile");
        var lastSeparator = name.LastIndexOf('\\');
        var fileName = lastSeparator >= 0 ? name[(lastSeparator + 1)..] : name;
        var dot = fileName.LastIndexOf('.');
        var extension = dot >= 0 ? fileName[(dot + 1)..] : string.Empty;
        var written = file.Written ?? InventoryFilesWritten;
        f["AccessMask"] = CimValues.UInt(0x1F01FF); // full control, as for an administrator
        f["Archive"] = CimValues.True;
        f["Caption"] = name;
        f["Compressed"] = CimValues.False;
        f["CreationClassName"] = "CIM_LogicalFile";
        f["CreationDate"] = written;
        f["CSCreationClassName"] = "Win32_ComputerSystem";
        f["CSName"] = computerName;
        f["Description"] = name;
        f["Drive"] = name.Length >= 2 && name[1] == ':' ? name[..2] : string.Empty;
        f["Encrypted"] = CimValues.False;
        f["Extension"] = extension;
        f["FileName"] = dot >= 0 ? fileName[..dot] : fileName;
        f["FileSize"] = CimValues.UInt(file.Size);
        f["FileType"] = extension.Length > 0 ? extension + " File" : "File";
        f["FSCreationClassName"] = "Win32_FileSystem";
        f["FSName"] = "NTFS";
        f["Hidden"] = CimValues.False;
        f["InstallDate"] = written;
        f["LastAccessed"] = written;
        f["LastModified"] = written;
        f["Name"] = name;
        f["Path"] = lastSeparator >= 2 ? name[2..(lastSeparator + 1)] : @"\";
        f["Readable"] = CimValues.True;
        f["System"] = CimValues.False;
        f["Writeable"] = CimValues.True;
        return f;
    }
}
