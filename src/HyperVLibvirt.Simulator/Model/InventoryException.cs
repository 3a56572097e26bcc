namespace HyperVLibvirt.Simulator.Model;

/// <summary>A JSON inventory file that cannot be used; the message names the file and the problem.</summary>
public sealed class InventoryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InventoryException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
