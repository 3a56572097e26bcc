namespace HyperVLibvirt.Core.Keyboard;

/// <summary>One key to press, as given and as Msvm_Keyboard takes it.</summary>
/// <param name="Input">The key as the user gave it (a name or a number).</param>
/// <param name="CodeSet">libvirt's name of the code set it was read in.</param>
/// <param name="Code">Its code in that set.</param>
/// <param name="VirtualKey">The Windows virtual-key code sent to PressKey and ReleaseKey.</param>
/// <param name="VirtualKeyName">The virtual key's name (VK_*).</param>
public sealed record KeyStroke(string Input, string CodeSet, int Code, uint VirtualKey, string VirtualKeyName);
