using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Keyboard;

/// <summary>A key argument that cannot be sent: not a code or name of its set, or without a Windows virtual-key code.</summary>
public sealed class HvKeyCodeException : ArgumentException
{
    /// <summary>Says what is wrong with <paramref name="key"/> read in <paramref name="set"/>.</summary>
    /// <remarks>The message quotes the key as typed: neutralised for display (<see cref="DisplayText"/>).</remarks>
    public HvKeyCodeException(string key, KeyCodeSet set, string message)
        : base(DisplayText.Neutralize(message)!)
    {
        Key = key;
        CodeSet = set;
    }

    /// <summary>The key as given.</summary>
    public string Key { get; }

    /// <summary>The code set it was read in.</summary>
    public KeyCodeSet CodeSet { get; }
}
