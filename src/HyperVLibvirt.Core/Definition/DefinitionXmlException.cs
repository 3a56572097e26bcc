namespace HyperVLibvirt.Core.Definition;

/// <summary>Domain XML that is not well-formed, or asks for what Hyper-V cannot honour; the message names the element. Nothing was sent.</summary>
public sealed class DefinitionXmlException : Exception
{
    /// <summary>Creates the exception for <paramref name="element"/> (for example <c>&lt;domain type='kvm'&gt;</c>).</summary>
    public DefinitionXmlException(string element, string message, Exception? inner = null)
        : base(element.Length == 0 ? message : $"Cannot define the domain from its XML at {element}: {message}", inner)
    {
        Element = element;
    }

    /// <summary>The element at fault as written in the message; empty when the text is not XML at all.</summary>
    public string Element { get; }
}
