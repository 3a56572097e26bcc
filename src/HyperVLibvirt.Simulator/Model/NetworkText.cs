namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// The captions Windows localizes on switches and adapters (the ja-JP strings are those of the
/// real captures of Msvm_VirtualEthernetSwitch and Msvm_ExternalEthernetPort).
/// </summary>
internal sealed record NetworkText(string SwitchCaption, string SwitchDescription, string SwitchIdentifying, string PortCaption, string PortDescription)
{
    public static NetworkText For(HostLanguage language) => language.Name == "ja-JP" ? Japanese : English;

    private static readonly NetworkText English = new(
        "Virtual Switch", "Microsoft Virtual Switch", "Virtual Switch Extension Miniport Adapter ID",
        "Ethernet Port", "Microsoft External Ethernet Port");

    private static readonly NetworkText Japanese = new(
        "仮想スイッチ", "Microsoft 仮想スイッチ", "仮想スイッチ拡張ミニポート アダプター ID",
        "イーサネット ポート", "Microsoft 外部イーサネット ポート");
}
