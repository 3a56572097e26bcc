namespace HyperVLibvirt.Core.HyperV;

/// <summary>How much of a listed item a <see cref="DomainReadProblem"/> cost.</summary>
public enum DomainReadProblemKind
{
    /// <summary>The item was refused: it is not a VM of the class asked for, or it has no usable UUID.</summary>
    Refused,
    /// <summary>The domain was kept, but one of its values could not be read and a default stands in for it.</summary>
    Unreadable,
}

/// <summary>
/// Something the host listed that could not be turned into a domain as sent: reported per item (a
/// cmdlet makes it a non-terminating error or a warning) so nothing is dropped or invented silently.
/// </summary>
/// <param name="Kind">Whether the item was refused or kept with a default.</param>
/// <param name="Message">What was wrong and what was done, in libvirt's words where libvirt has some; server text is as sent (neutralise it for display).</param>
/// <param name="Target">What identifies the item: its UUID, name or class as sent.</param>
public sealed record DomainReadProblem(DomainReadProblemKind Kind, string Message, string Target);
