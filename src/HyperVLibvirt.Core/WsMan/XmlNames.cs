using System.Collections.Concurrent;
using System.Xml;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Atomized names for one <see cref="NameTable"/>, so the hot parse path compares names by reference.
/// A NameTable is not thread-safe, so each one (with its settings) is rented for one response at a time.
/// </summary>
internal sealed class XmlNames
{
    private static readonly ConcurrentBag<XmlNames> Pool = new();

    public readonly NameTable Table = new();
    public readonly XmlReaderSettings Settings;

    /// <summary>Shared properties for the short text values instances repeat; see <see cref="PropertyCache"/>.</summary>
    public readonly PropertyCache Properties = new();

    /// <summary>
    /// The longest property value read from the response being parsed: <see cref="ResponseLimitException.MaxValueChars"/>,
    /// unless its call allowed a larger envelope (<see cref="ResponseReader.MaxValueChars"/>). Reset for every response.
    /// </summary>
    public int MaxValueChars = ResponseLimitException.MaxValueChars;

    // Namespaces
    public readonly string SoapNs, AddressingNs, WsManNs, EnumerationNs, IdentityNs, FaultNs, CimNs, XsiNs;

    // SOAP
    public readonly string Envelope, Header, Body, Fault, Code, Subcode, Value, Reason, Text, Detail;

    // Addressing / WS-Man
    public readonly string Address, ReferenceParameters, EndpointReference, ResourceUri, SelectorSet, Selector, Name,
        FaultDetail, Items, Item, XmlFragment, EndOfSequence, EnumerationContext, EnumerateResponse, PullResponse, Action;

    // WSManFault
    public readonly string WsManFault, Message, ProviderFault, ExtendedError, MachineAttr, CodeAttr;

    // CIM typing
    public readonly string Datetime, Date, Time, CimDateTime, Interval, Nil, Type, True;

    // Identify
    public readonly string IdentifyResponse, ProtocolVersion, ProductVendor, ProductVersion, SecurityProfiles, SecurityProfileName;

    private XmlNames()
    {
        var t = Table;
        SoapNs = t.Add(WsManNamespaces.Soap);
        AddressingNs = t.Add(WsManNamespaces.Addressing);
        WsManNs = t.Add(WsManNamespaces.WsMan);
        EnumerationNs = t.Add(WsManNamespaces.Enumeration);
        IdentityNs = t.Add(WsManNamespaces.Identity);
        FaultNs = t.Add(WsManNamespaces.WsManFault);
        CimNs = t.Add(WsManNamespaces.Cim);
        XsiNs = t.Add(WsManNamespaces.Xsi);

        Envelope = t.Add("Envelope"); Header = t.Add("Header"); Body = t.Add("Body"); Fault = t.Add("Fault");
        Code = t.Add("Code"); Subcode = t.Add("Subcode"); Value = t.Add("Value"); Reason = t.Add("Reason");
        Text = t.Add("Text"); Detail = t.Add("Detail");

        Address = t.Add("Address"); ReferenceParameters = t.Add("ReferenceParameters"); EndpointReference = t.Add("EndpointReference");
        ResourceUri = t.Add("ResourceURI"); SelectorSet = t.Add("SelectorSet"); Selector = t.Add("Selector"); Name = t.Add("Name");
        FaultDetail = t.Add("FaultDetail"); Items = t.Add("Items"); Item = t.Add("Item"); XmlFragment = t.Add("XmlFragment");
        EndOfSequence = t.Add("EndOfSequence"); EnumerationContext = t.Add("EnumerationContext");
        EnumerateResponse = t.Add("EnumerateResponse"); PullResponse = t.Add("PullResponse"); Action = t.Add("Action");

        WsManFault = t.Add("WSManFault"); Message = t.Add("Message"); ProviderFault = t.Add("ProviderFault");
        ExtendedError = t.Add("ExtendedError"); MachineAttr = t.Add("Machine"); CodeAttr = Code;

        Datetime = t.Add("Datetime"); Date = t.Add("Date"); Time = t.Add("Time"); CimDateTime = t.Add("CIM_DateTime");
        Interval = t.Add("Interval"); Nil = t.Add("nil"); Type = t.Add("type"); True = t.Add("true");

        IdentifyResponse = t.Add("IdentifyResponse"); ProtocolVersion = t.Add("ProtocolVersion");
        ProductVendor = t.Add("ProductVendor"); ProductVersion = t.Add("ProductVersion");
        SecurityProfiles = t.Add("SecurityProfiles"); SecurityProfileName = t.Add("SecurityProfileName");

        Settings = new XmlReaderSettings
        {
            NameTable = Table,
            // Hostile input: no DTDs (billion laughs), no external resolution.
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            // Whitespace is kept: a whitespace-only property is a value, not null (RASD PoolID).
            IgnoreWhitespace = false,
            CheckCharacters = false,
            CloseInput = false,
            MaxCharactersFromEntities = 1024,
        };
    }

    /// <summary>Rents a table; return it with <see cref="Return"/> when the reader is done.</summary>
    public static XmlNames Rent()
    {
        var names = Pool.TryTake(out var n) ? n : new XmlNames();
        names.MaxValueChars = ResponseLimitException.MaxValueChars;
        return names;
    }

    /// <summary>Returns a table to the pool. Tables that grew large (many distinct class names) are dropped.</summary>
    public static void Return(XmlNames names)
    {
        if (Pool.Count < 32)
        {
            Pool.Add(names);
        }
    }
}
