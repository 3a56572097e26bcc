using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Wire;

/// <summary>
/// Writes one Enumerate or Pull batch: as many items as MaxElements allows and the client's
/// MaxEnvelopeSize holds, as objects, fragments (property lists) or endpoint references.
/// </summary>
internal static class EnumerationBatch
{
    /// <summary>WinRM's MaxBatchItems.</summary>
    public const int MaxBatchItems = 32000;

    // Room for the context, the Items/EndOfSequence tags and the closing tags around a batch.
    private const int EnvelopeTailAllowance = 320;

    /// <summary>Bytes left for items once the envelope around them is accounted for.</summary>
    public static int ItemBudget(Utf8XmlWriter writer, string language, string action, string? relatesTo, RequestLimits limits)
    {
        var start = writer.Length;
        var depth = writer.Depth;
        EnvelopeWriter.WriteStart(writer, language, EnvelopeNamespaces.Enumeration, action, relatesTo);
        var shell = writer.Length - start;
        writer.Truncate(start, depth);
        return limits.MaxEnvelopeBytes - shell - EnvelopeTailAllowance;
    }

    /// <summary>Serialises up to <paramref name="maxElements"/> items that fit in <paramref name="budget"/> bytes.</summary>
    public static void Write(Utf8XmlWriter batch, EnumerationState state, int maxElements, int budget)
    {
        var written = 0;
        while (written < maxElements && !state.IsFinished)
        {
            var before = batch.Length;
            WriteItem(batch, state.Items[state.Position], state);
            if (batch.Length > budget)
            {
                batch.Truncate(before, 0);
                if (written == 0)
                {
                    // Not even one item fits the client's envelope.
                    throw new WsManFaultException(WsManFaults.EncodingLimit(responseTooLarge: true));
                }

                return;
            }

            state.Position++;
            written++;
        }
    }

    private static void WriteItem(Utf8XmlWriter batch, CimInstance instance, EnumerationState state)
    {
        switch (state.Mode)
        {
            case EnumerationMode.EndpointReferences:
                InstanceSerializer.WriteEndpointReference(batch, InstanceSerializer.ReferenceOf(instance));
                return;
            case EnumerationMode.ObjectsAndEndpointReferences:
                batch.StartElement("w:Item");
                WriteObject(batch, instance, state.SelectedProperties);
                InstanceSerializer.WriteEndpointReference(batch, InstanceSerializer.ReferenceOf(instance));
                batch.EndElement();
                return;
            default:
                WriteObject(batch, instance, state.SelectedProperties);
                return;
        }
    }

    private static void WriteObject(Utf8XmlWriter batch, CimInstance instance, IReadOnlyList<string>? selected)
    {
        if (selected is null)
        {
            InstanceSerializer.WriteInstance(batch, instance);
        }
        else
        {
            InstanceSerializer.WriteFragment(batch, instance, selected);
        }
    }
}
