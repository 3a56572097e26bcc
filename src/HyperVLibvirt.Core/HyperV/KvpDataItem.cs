namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// One key-value pair a guest publishes through Hyper-V's data exchange (Microsoft's Msvm_KvpExchangeDataItem
/// class): <c>Name</c> (e.g. <c>OSName</c>, <c>FullyQualifiedDomainName</c>), <c>Data</c> and <c>Source</c>
/// (0 host, 1 guest, 2 guest intrinsic, 3 guest pool).
/// </summary>
public sealed record KvpDataItem(string Name, string Data, ushort? Source);
