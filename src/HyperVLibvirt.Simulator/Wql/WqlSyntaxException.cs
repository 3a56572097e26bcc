namespace HyperVLibvirt.Simulator.Wql;

/// <summary>WQL text that does not parse; <see cref="Position"/> is the zero-based offset of the problem.</summary>
public sealed class WqlSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WqlSyntaxException(string message, int position)
        : base($"{message} (at position {position})")
    {
        Position = position;
    }

    /// <summary>The zero-based character offset where parsing failed.</summary>
    public int Position { get; }
}
