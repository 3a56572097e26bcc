using System.Globalization;
using HyperVLibvirt.Simulator.Model;
using HyperVLibvirt.Simulator.Wire.Security;

namespace HyperVLibvirt.Simulator.Wire;

/// <summary>
/// Carries out Identify, Enumerate, Pull, Release, Get and Invoke against the simulated host and
/// writes the response envelope. Model failures (<see cref="CimException"/>) become WinRM's faults.
/// </summary>
internal sealed class WsManOperations
{
    private readonly SimulatedHost _host;
    private readonly SimulatorOptions _options;
    private readonly EnumerationStore _store;
    private readonly RequestAuthenticator _schemes;

    /// <summary>Creates the operations over a host; <paramref name="schemes"/> says which schemes are enabled (for Identify).</summary>
    public WsManOperations(SimulatedHost host, SimulatorOptions options, EnumerationStore store, RequestAuthenticator schemes)
    {
        _host = host;
        _options = options;
        _store = store;
        _schemes = schemes;
    }

    /// <summary>The Stack version WinRM reports for the profile.</summary>
    public string StackVersion => _host.Settings.Profile.ToLowerInvariant() switch
    {
        "ws2008" or "ws2008r2" => "2.0",
        _ => "3.0",
    };

    /// <summary>Whether the profile writes the 2008 R2 form of <c>__ExtendedStatus</c>.</summary>
    public bool LegacyExtendedStatus => _host.Settings.Profile.ToLowerInvariant() is "ws2008" or "ws2008r2";

    /// <summary>Writes an IdentifyResponse.</summary>
    public void Identify(Utf8XmlWriter writer, bool authenticated, bool isHttps)
    {
        if (!authenticated)
        {
            EnvelopeWriter.WriteIdentify(writer, null, "OS: 0.0.0 SP: 0.0 Stack: " + StackVersion, null);
            return;
        }

        List<string>? profiles = null;
        if (StackVersion == "3.0")
        {
            // Windows 8 / 2012 and later list the profiles of the enabled schemes for this transport.
            var transport = isHttps ? "https/" : "http/";
            profiles = [];
            if (_options.BasicEnabled)
            {
                profiles.Add(transport + "basic");
            }

            if (_schemes.NegotiateEnabled || _schemes.KerberosEnabled)
            {
                profiles.Add(transport + "spnego-kerberos");
            }
        }

        EnvelopeWriter.WriteIdentify(writer, _host.Settings.Language, "OS: " + _host.OsVersion + " SP: 0.0 Stack: " + StackVersion, profiles);
    }

    /// <summary>Carries out an authenticated, header-checked request.</summary>
    public void Execute(SoapRequest request, RequestLimits limits, string user, Utf8XmlWriter writer)
    {
        var language = LanguageOf(request);
        switch (request.Action)
        {
            case WsManNamespaces.ActionEnumerate:
                Enumerate(request, limits, user, language, writer);
                return;
            case WsManNamespaces.ActionPull:
                Pull(request, limits, user, language, writer);
                return;
            case WsManNamespaces.ActionRelease:
                Release(request, user, language, writer);
                return;
            case WsManNamespaces.ActionGet:
                Get(request, limits, language, writer);
                return;
        }

        if (request.Action!.StartsWith(request.ResourceUri + "/", StringComparison.OrdinalIgnoreCase))
        {
            Invoke(request, limits, language, writer);
            return;
        }

        throw new WsManFaultException(WsManFaults.ActionNotSupported(request.Action));
    }

    /// <summary>The response language: the request's w:Locale, else the host's UI language.</summary>
    public string LanguageOf(SoapRequest? request) =>
        string.IsNullOrEmpty(request?.Locale) ? _host.Settings.Language : request.Locale;

    private static ResourceAddress Address(SoapRequest request)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var selector in request.Selectors)
        {
            if (!names.Add(selector.Key))
            {
                throw new WsManFaultException(WsManFaults.InvalidSelectors("DuplicateSelectors"));
            }
        }

        return ResourceAddress.Parse(request.ResourceUri!, request.Selectors) ?? throw new WsManFaultException(WsManFaults.UnknownResourceUri());
    }

    private void Enumerate(SoapRequest request, RequestLimits limits, string user, string language, Utf8XmlWriter writer)
    {
        var body = request.Enumerate ?? throw new WsManFaultException(WsManFaults.SchemaValidationError("The Enumerate request has no n:Enumerate element."));
        var address = Address(request);
        IReadOnlyList<CimInstance> items;
        IReadOnlyList<string>? selected = null;

        if (body.HasFilter && body.FilterSelectors is null && (body.FilterDialect is null || body.FilterDialect == WsManNamespaces.WqlDialect))
        {
            var query = body.FilterText ?? string.Empty;
            if (!address.IsWildcard)
            {
                throw new WsManFaultException(WsManFaults.CannotProcessFilter(
                    "A WQL filter requires a resource URI that ends with /* (the namespace form). ", query, WsManFaults.CodeWqlNeedsNamespaceUri));
            }

            try
            {
                var result = _host.ExecuteQuery(address.Namespace, query);
                items = result.Instances;
                selected = result.SelectedProperties;
            }
            catch (CimException ex)
            {
                throw new WsManFaultException(ModelFaults.ForQuery(ex, query));
            }
        }
        else if (body.HasFilter && body.FilterDialect is not null && body.FilterDialect != WsManNamespaces.SelectorFilterDialect)
        {
            throw new WsManFaultException(WsManFaults.FilterDialectUnavailable(body.FilterDialect));
        }
        else
        {
            if (address.IsWildcard)
            {
                throw new WsManFaultException(WsManFaults.CannotProcessFilter("Enumerating a namespace resource URI (ending in /*) requires a WQL filter. ", string.Empty));
            }

            try
            {
                items = _host.EnumerateInstances(address.Namespace, address.ClassName);
            }
            catch (CimException ex)
            {
                throw new WsManFaultException(ModelFaults.For(ex, "ExecQuery", "select * from " + address.ClassName));
            }

            if (body.FilterSelectors is { } filter)
            {
                items = SelectorFilter.Apply(items, filter);
            }
        }

        var state = new EnumerationState(user, items, selected, body.Mode);
        if (!body.Optimize)
        {
            // Without OptimizeEnumeration WinRM answers with a context only, even for no results.
            var context = _store.Add(state, enforceQuota: true);
            EnvelopeWriter.WriteStart(writer, language, EnvelopeNamespaces.Enumeration, WsManNamespaces.ActionEnumerateResponse, request.MessageId);
            writer.StartElement("n:EnumerateResponse");
            writer.Element("n:EnumerationContext", context);
            writer.EndElement();
            EnvelopeWriter.WriteEnd(writer);
            return;
        }

        using var batch = new Utf8XmlWriter();
        var budget = EnumerationBatch.ItemBudget(writer, language, WsManNamespaces.ActionEnumerateResponse, request.MessageId, limits);
        EnumerationBatch.Write(batch, state, Math.Min(body.MaxElements ?? 1, EnumerationBatch.MaxBatchItems), budget);
        var nextContext = state.IsFinished ? string.Empty : _store.Add(state, enforceQuota: true);

        EnvelopeWriter.WriteStart(writer, language, EnvelopeNamespaces.Enumeration, WsManNamespaces.ActionEnumerateResponse, request.MessageId);
        writer.StartElement("n:EnumerateResponse");
        writer.StartElement("n:EnumerationContext");
        writer.Text(nextContext);
        writer.EndElement();
        writer.StartElement("w:Items");
        writer.Raw(batch.WrittenSpan);
        writer.FullEndElement();
        if (state.IsFinished)
        {
            writer.StartElement("w:EndOfSequence");
            writer.EndElement();
        }

        writer.EndElement();
        EnvelopeWriter.WriteEnd(writer);
    }

    private void Pull(SoapRequest request, RequestLimits limits, string user, string language, Utf8XmlWriter writer)
    {
        var body = request.Pull ?? throw new WsManFaultException(WsManFaults.SchemaValidationError("The Pull request has no n:Pull element."));
        var state = _store.Take(body.Context, user);
        using var batch = new Utf8XmlWriter();
        var budget = EnumerationBatch.ItemBudget(writer, language, WsManNamespaces.ActionPullResponse, request.MessageId, limits);
        try
        {
            // WS-Enumeration's default MaxElements is 1, and WinRM applies it.
            EnumerationBatch.Write(batch, state, Math.Min(body.MaxElements ?? 1, EnumerationBatch.MaxBatchItems), budget);
        }
        catch (WsManFaultException)
        {
            _store.Add(state, enforceQuota: false);
            throw;
        }

        var nextContext = state.IsFinished ? null : _store.Add(state, enforceQuota: false);
        EnvelopeWriter.WriteStart(writer, language, EnvelopeNamespaces.Enumeration, WsManNamespaces.ActionPullResponse, request.MessageId);
        writer.StartElement("n:PullResponse");
        if (nextContext is not null)
        {
            writer.Element("n:EnumerationContext", nextContext);
        }

        writer.StartElement("n:Items");
        writer.Raw(batch.WrittenSpan);
        writer.FullEndElement();
        if (nextContext is null)
        {
            writer.StartElement("n:EndOfSequence");
            writer.EndElement();
        }

        writer.EndElement();
        EnvelopeWriter.WriteEnd(writer);
    }

    private void Release(SoapRequest request, string user, string language, Utf8XmlWriter writer)
    {
        var context = request.ReleaseContext ?? throw new WsManFaultException(WsManFaults.SchemaValidationError("The Release request has no n:Release element."));
        _store.Take(context, user);
        EnvelopeWriter.WriteStart(writer, language, EnvelopeNamespaces.Enumeration, WsManNamespaces.ActionReleaseResponse, request.MessageId);
        EnvelopeWriter.WriteEnd(writer);
    }

    private void Get(SoapRequest request, RequestLimits limits, string language, Utf8XmlWriter writer)
    {
        var address = Address(request);
        if (address.IsWildcard)
        {
            throw new WsManFaultException(WsManFaults.UnknownResourceUri());
        }

        CimInstance instance;
        try
        {
            instance = _host.GetInstance(address.Namespace, address.ClassName, address.Selectors);
        }
        catch (CimException ex)
        {
            throw new WsManFaultException(ModelFaults.For(ex, "GetObject", ModelFaults.ObjectPath(address)));
        }

        EnvelopeWriter.WriteStart(writer, language, EnvelopeNamespaces.Transfer, WsManNamespaces.ActionGetResponse, request.MessageId);
        InstanceSerializer.WriteInstance(writer, instance);
        EnvelopeWriter.WriteEnd(writer);
        if (writer.Length > limits.MaxEnvelopeBytes)
        {
            throw new WsManFaultException(WsManFaults.EncodingLimit(responseTooLarge: true));
        }
    }

    private void Invoke(SoapRequest request, RequestLimits limits, string language, Utf8XmlWriter writer)
    {
        var address = Address(request);
        var method = request.Action![(request.ResourceUri!.Length + 1)..];
        if (address.IsWildcard || method.Length == 0 || method.Contains('/'))
        {
            throw new WsManFaultException(WsManFaults.ActionNotSupported(request.Action));
        }

        var inputs = request.Invoke?.Parameters ?? [];
        MethodResult result;
        try
        {
            // A method fault answers for the method without reaching it, so the host changes nothing.
            var injected = _options.Faults.MatchMethod(method);
            if (injected?.Kind == FaultKind.MethodReturnCode)
            {
                _ = _host.GetClass(address.Namespace, address.ClassName); // a class the host lacks still faults
                result = new MethodResult(injected.ReturnCode, []);
            }
            else
            {
                result = injected?.Kind == FaultKind.MethodJobFailure
                    ? _host.StartFailedJob(address.Namespace, address.ClassName, method)
                    : _host.InvokeMethod(address.Namespace, address.ClassName, address.Selectors, method, inputs);
            }
        }
        catch (CimException ex) when (ex.Kind == CimErrorKind.InvalidMethod)
        {
            throw new WsManFaultException(WsManFaults.ActionNotSupported(request.Action));
        }
        catch (CimException ex)
        {
            throw new WsManFaultException(ModelFaults.For(ex, "ExecMethod", ModelFaults.ObjectPath(address) + "." + method));
        }

        EnvelopeWriter.WriteStart(writer, language, EnvelopeNamespaces.Transfer, request.ResourceUri + "/" + method + "Response", request.MessageId);
        writer.StartElement("p:" + method + "_OUTPUT");
        writer.Attribute("xmlns:xsi", WsManNamespaces.Xsi);
        writer.Attribute("xmlns:p", request.ResourceUri!);
        writer.Attribute("xmlns:cim", WsManNamespaces.Cim);
        foreach (var parameter in result.OutParameters)
        {
            InstanceSerializer.WriteParameter(writer, parameter.Key, parameter.Value);
        }

        writer.Element("p:ReturnValue", result.ReturnValue.ToString(CultureInfo.InvariantCulture));
        writer.EndElement();
        EnvelopeWriter.WriteEnd(writer);
        if (writer.Length > limits.MaxEnvelopeBytes)
        {
            throw new WsManFaultException(WsManFaults.EncodingLimit(responseTooLarge: true));
        }
    }
}
