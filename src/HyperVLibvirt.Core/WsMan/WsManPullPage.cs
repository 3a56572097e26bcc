namespace HyperVLibvirt.Core.WsMan;

/// <summary>One page of an enumeration: the items of an EnumerateResponse or PullResponse.</summary>
/// <param name="Items">The instances in wire order (possibly none).</param>
/// <param name="EnumerationContext">The context to send with the next Pull; null or empty once the sequence ended.</param>
/// <param name="EndOfSequence">True when the server marked this page the last.</param>
public sealed record WsManPullPage(IReadOnlyList<CimObject> Items, string? EnumerationContext, bool EndOfSequence);

/// <summary>What each enumerated item holds (<c>w:EnumerationMode</c>, DMTF DSP0226 §8.7; MS-WSMV 3.1.4.1.17).</summary>
public enum WsManEnumerationMode
{
    /// <summary>Instances only (the default; no EnumerationMode is sent).</summary>
    Objects,
    /// <summary><c>EnumerateEPR</c>: each item is a reference only; <see cref="CimObject.Reference"/> is set and there are no properties.</summary>
    EndpointReferences,
    /// <summary><c>EnumerateObjectAndEPR</c>: each item is an instance with <see cref="CimObject.Reference"/> set.</summary>
    ObjectsAndEndpointReferences,
}
