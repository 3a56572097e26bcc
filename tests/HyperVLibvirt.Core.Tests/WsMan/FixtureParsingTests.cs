using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.WsMan;

/// <summary>Every real capture in shared/fixtures/wsman parses into the right instances, contexts and faults.</summary>
public sealed class FixtureParsingTests
{
    private const string V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";

    public static TheoryData<string> AllResponseFixtures()
    {
        var data = new TheoryData<string>();
        if (SharedFixtures.WsManFolder is { } folder)
        {
            foreach (var f in Directory.GetFiles(folder, "*.xml").OrderBy(x => x, StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(f));
            }
        }
        else
        {
            data.Add("(absent)");
        }
        return data;
    }

    [SharedFixtureTheory]
    [MemberData(nameof(AllResponseFixtures))]
    public void Every_fixture_parses_without_error(string name)
    {
        if (name.StartsWith("identify_response_fragment", StringComparison.Ordinal))
        {
            return; // bare IdentifyResponse without an envelope; covered below
        }
        var isRequest = name.Contains("_request", StringComparison.Ordinal);
        if (isRequest)
        {
            // Requests are envelopes too: the reader must open them and reach the body.
            using var stream = File.OpenRead(SharedFixtures.PathOf(name));
            using var rr = ResponseReader.Open(stream, out _);
            Assert.Null(rr.Fault);
            rr.ReadToEnd();
            return;
        }
        var parsed = SharedFixtures.Parse(name);
        if (name.StartsWith("fault_", StringComparison.Ordinal) || name.Contains("fault_response", StringComparison.Ordinal))
        {
            Assert.NotNull(parsed.Fault);
            Assert.False(string.IsNullOrEmpty(parsed.Fault!.SubcodeLocalName));
        }
        else if (!isRequest)
        {
            Assert.Null(parsed.Fault);
        }
    }

    [SharedFixtureFact]
    public void Running_vm_pull_gives_values_nil_datetimes_and_never()
    {
        var p = SharedFixtures.Parse("hyperv_v2_msvm_computersystem_pull_response_vm_running_ja.xml");
        var vm = Assert.Single(p.Items);
        Assert.Equal("Msvm_ComputerSystem", vm.ClassName);
        Assert.Equal(V2 + "Msvm_ComputerSystem", vm.ResourceUri);
        Assert.Equal("仮想マシン", vm.GetString("Caption"));
        Assert.Equal("Microsoft Virtual Machine", vm.GetString("Description"));
        Assert.Equal(2UL, vm.GetUInt64("EnabledState"));
        Assert.Equal(5UL, vm.GetUInt64("RequestedState"));
        Assert.Equal(6138294371UL, vm.GetUInt64("OnTimeInMilliseconds"));
        Assert.Equal("00000000-0000-4000-8000-00000000000a", vm.GetString("Name"));
        Assert.True(vm["CommunicationStatus"]!.IsNull);
        Assert.True(vm["InstanceID"]!.IsNull);
        Assert.Equal("正常稼働中", vm.GetArray("StatusDescriptions")[0].AsString());

        var install = vm["InstallDate"]!;
        Assert.Equal(CimValueKind.DateTime, install.Kind);
        Assert.Equal(new DateTimeOffset(2025, 12, 17, 9, 55, 22, TimeSpan.Zero).AddTicks(7023410), install.AsDateTime());
        Assert.Equal("2025-12-17T09:55:22.702341Z", install.AsString());

        var never = vm.GetDateTime("LastReplicationTime");
        Assert.Equal(new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero), never);
        Assert.NotNull(p.Context);
        Assert.False(p.EndOfSequence);
    }

    [SharedFixtureFact]
    public void Host_pull_has_nil_install_date_and_localized_caption()
    {
        var p = SharedFixtures.Parse("hyperv_v2_msvm_computersystem_pull_response_host_ja.xml");
        var host = Assert.Single(p.Items);
        Assert.True(host["InstallDate"]!.IsNull);
        Assert.Null(host.GetDateTime("InstallDate"));
        Assert.Equal("ホスト コンピューター システム", host.GetString("Caption"));
    }

    [SharedFixtureFact]
    public void Off_vm_has_enabled_state_3()
    {
        var p = SharedFixtures.Parse("hyperv_v2_msvm_computersystem_pull_response_vm_off_ja.xml");
        Assert.Equal(3UL, Assert.Single(p.Items).GetUInt64("EnabledState"));
    }

    [SharedFixtureFact]
    public void Last_pull_has_end_of_sequence_and_no_context()
    {
        var p = SharedFixtures.Parse("hyperv_v2_msvm_computersystem_pull_response_last_endofsequence_ja.xml");
        Assert.Single(p.Items);
        Assert.True(p.EndOfSequence);
        Assert.Null(p.Context);
    }

    [SharedFixtureFact]
    public void Unoptimized_enumerate_response_gives_only_the_context()
    {
        var p = SharedFixtures.Parse("hyperv_v2_msvm_computersystem_enumerate_response_ja.xml");
        Assert.Empty(p.Items);
        Assert.Equal("uuid:00000000-0000-4000-8000-000000000003", p.Context);
        Assert.False(p.EndOfSequence);
    }

    [SharedFixtureFact]
    public void Epr_properties_become_references_with_one_selector()
    {
        var p = SharedFixtures.Parse("hyperv_v2_msvm_affectedjobelement_pull_response_epr_endofsequence_ja.xml");
        var item = Assert.Single(p.Items);
        Assert.True(p.EndOfSequence);
        var job = item.GetReference("AffectingElement");
        Assert.NotNull(job);
        Assert.Equal(V2 + "Msvm_ConcreteJob", job!.ResourceUri);
        Assert.Equal(EndpointReference.AnonymousAddress, job.Address);
        var sel = Assert.Single(job.Selectors);
        Assert.Equal("InstanceID", sel.Key);
        Assert.False(string.IsNullOrEmpty(job.GetSelector("instanceid")));
        Assert.Equal(5UL, item.GetUInt64("ElementEffects"));
    }

    [SharedFixtureFact]
    public void Epr_with_two_selectors_keeps_both_in_order()
    {
        var p = SharedFixtures.Parse("hyperv_v2_msvm_affectedjobelement_pull_response_epr_two_selectors_ja.xml");
        var item = Assert.Single(p.Items);
        var affected = item.GetReference("AffectedElement")!;
        Assert.Equal(V2 + "Msvm_ComputerSystem", affected.ResourceUri);
        Assert.Equal(2, affected.Selectors.Count);
        Assert.Equal("CreationClassName", affected.Selectors[0].Key);
        Assert.Equal("Msvm_ComputerSystem", affected.Selectors[0].Value);
        Assert.Equal("Name", affected.Selectors[1].Key);
        Assert.Equal("00000000-0000-4000-8000-000000000003", affected.GetSelector("Name"));
        Assert.Equal(0UL, item.GetUInt64("ElementEffects"));
        Assert.Equal("uuid:00000000-0000-4000-8000-000000000080", p.Context);
    }

    [SharedFixtureFact]
    public void Rasd_nil_scalars_are_null_and_whitespace_pool_id_is_not()
    {
        var p = SharedFixtures.Parse("hyperv_v2_msvm_resourceallocationsettingdata_pull_response_xsinil_reformatted_ja.xml");
        var rasd = Assert.Single(p.Items);
        Assert.Equal("Msvm_ResourceAllocationSettingData", rasd.ClassName);
        Assert.True(rasd["Address"]!.IsNull);
        Assert.True(rasd["ElementName"]!.IsNull);
        var pool = rasd["PoolID"];
        Assert.NotNull(pool);
        Assert.False(pool!.IsNull);
        Assert.Equal(CimValueKind.Text, pool.Kind);
        Assert.True(string.IsNullOrWhiteSpace(pool.AsString()));
        Assert.Equal("count", rasd.GetString("AllocationUnits"));
        Assert.Equal(true, rasd.GetBoolean("AutomaticAllocation"));
        Assert.Equal("物理ディスク ドライブの増分設定", rasd.GetString("Caption"));
    }

    [SharedFixtureFact]
    public void Guest_network_adapter_configuration_has_only_present_properties()
    {
        var p = SharedFixtures.Parse("hyperv_v2_msvm_guestnetworkadapterconfiguration_pull_response_ja.xml");
        var cfg = Assert.Single(p.Items);
        Assert.Equal(3, cfg.Properties.Count);
        Assert.False(cfg.TryGet("IPAddresses", out _));
        Assert.Empty(cfg.GetArray("IPAddresses"));
    }

    [SharedFixtureFact]
    public void Switch_and_external_port_parse()
    {
        var sw = Assert.Single(SharedFixtures.Parse("hyperv_v2_msvm_virtualethernetswitch_pull_response_ja.xml").Items);
        Assert.Equal("仮想スイッチ", sw.GetString("Caption"));
        Assert.Equal(12UL, sw.GetUInt64("RequestedState"));
        var port = Assert.Single(SharedFixtures.Parse("hyperv_v2_msvm_externalethernetport_pull_response_ja.xml").Items);
        Assert.Equal(1000000000UL, port.GetUInt64("Speed"));
        Assert.Equal(12, port.GetString("PermanentAddress")!.Length);
    }

    [SharedFixtureFact]
    public void Optimized_enumerate_response_has_item_empty_context_and_end()
    {
        foreach (var name in new[]
        {
            "win32_operatingsystem_wql_enumerate_response_optimized_ws2012.xml",
            "win32_operatingsystem_wql_enumerate_response_optimized_ws2008r2.xml",
            "win32_operatingsystem_wql_enumerate_response_optimized_ws2003.xml",
        })
        {
            var p = SharedFixtures.Parse(name);
            var os = Assert.Single(p.Items);
            Assert.Equal("Win32_OperatingSystem", os.ClassName);
            Assert.True(p.EndOfSequence, name);
            Assert.Null(p.Context);
            Assert.False(string.IsNullOrEmpty(os.GetString("Version")), name);
        }
        var os2012 = Assert.Single(SharedFixtures.Parse("win32_operatingsystem_wql_enumerate_response_optimized_ws2012.xml").Items);
        Assert.Equal(new DateTimeOffset(2013, 3, 9, 2, 57, 32, TimeSpan.Zero), os2012.GetDateTime("InstallDate"));
        Assert.True(os2012["CSDVersion"]!.IsNull);
        Assert.Equal(string.Empty, os2012.GetString("Description"));
    }

    [SharedFixtureFact]
    public void Repeated_elements_become_an_array()
    {
        var cs = Assert.Single(SharedFixtures.Parse("win32_computersystem_wql_enumerate_response_optimized_ws2012.xml").Items);
        var roles = cs["Roles"]!;
        Assert.Equal(CimValueKind.Array, roles.Kind);
        var values = roles.AsArray().Select(v => v.AsString()).ToArray();
        Assert.Equal(new[] { "LM_Workstation", "LM_Server", "NT", "Server_NT" }, values.Take(4));
    }

    [SharedFixtureFact]
    public void Xml_fragment_uses_the_query_class_and_unqualified_datetime()
    {
        var p = SharedFixtures.Parse("win32_operatingsystem_wql_propertylist_enumerate_response_xmlfragment_ws2012.xml", "Win32_OperatingSystem");
        var os = Assert.Single(p.Items);
        Assert.Equal("Win32_OperatingSystem", os.ClassName);
        Assert.Null(os.ResourceUri);
        Assert.Equal("9200", os.GetString("BuildNumber"));
        Assert.True(os["CSDVersion"]!.IsNull);
        Assert.Equal(new DateTimeOffset(2013, 3, 9, 2, 57, 32, TimeSpan.Zero), os.GetDateTime("InstallDate"));
        Assert.Equal(new DateTimeOffset(2013, 4, 15, 16, 28, 43, TimeSpan.Zero).AddTicks(4881710), os.GetDateTime("LastBootUpTime"));

        var unnamed = Assert.Single(SharedFixtures.Parse("win32_operatingsystem_wql_propertylist_enumerate_response_xmlfragment_ws2012.xml").Items);
        Assert.Equal("XmlFragment", unnamed.ClassName);
    }

    [SharedFixtureFact]
    public void Paged_service_enumeration_gives_contexts_and_counts()
    {
        var p0 = SharedFixtures.Parse("win32_service_wql_paged_000_ws2012.xml");
        Assert.Single(p0.Items);
        Assert.Equal("uuid:6C0AB864-47F9-4D3E-8601-B786754BBABB", p0.Context);
        Assert.False(p0.EndOfSequence);
        Assert.Equal("AeLookupSvc", p0.Items[0].GetString("Name"));

        var p1 = SharedFixtures.Parse("win32_service_wql_paged_001_ws2012.xml");
        Assert.Equal(50, p1.Items.Count);
        Assert.Equal("uuid:69C1232D-0042-447B-BBA4-F6DD9324B110", p1.Context);
        var p2 = SharedFixtures.Parse("win32_service_wql_paged_002_ws2012.xml");
        // 51 Win32_Service plus one Win32_TerminalService (WMI returns subclasses under the queried class).
        Assert.Equal(52, p2.Items.Count);
        Assert.Contains(p2.Items, i => i.ClassName == "Win32_TerminalService");
        Assert.Equal("uuid:5F1294CE-8E09-46E7-BC4F-5ECBC9A0F353", p2.Context);
        var p3 = SharedFixtures.Parse("win32_service_wql_paged_003_ws2012.xml");
        Assert.Equal(28, p3.Items.Count);
        Assert.True(p3.EndOfSequence);
        Assert.Null(p3.Context);
        Assert.All(p1.Items, s => Assert.Equal("Win32_Service", s.ClassName));
    }

    [SharedFixtureFact]
    public void Get_response_reads_the_instance_despite_the_p_prefix_clash()
    {
        var p = SharedFixtures.Parse("win32_logicaldisk_get_response.xml");
        Assert.NotNull(p.Single);
        Assert.Equal("Win32_LogicalDisk", p.Single!.ClassName);
        Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/Win32_LogicalDisk", p.Single.ResourceUri);
        Assert.False(string.IsNullOrEmpty(p.Single.GetString("DeviceID")));
    }

    [SharedFixtureFact]
    public void Invoke_output_has_array_and_return_value()
    {
        var p = SharedFixtures.Parse("stdregprov_enumkey_invoke_response.xml");
        var output = p.Single!;
        Assert.Equal("EnumKey_OUTPUT", output.ClassName);
        Assert.Equal(0UL, output.GetUInt64("ReturnValue"));
        var names = output.GetArray("sNames");
        Assert.Equal(26, names.Count);
        Assert.Equal("AddressBook", names[0].AsString());
        Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/default/StdRegProv/EnumKeyResponse", p.Action);
    }

    [SharedFixtureFact]
    public void Doc_get_and_invoke_examples_parse()
    {
        Assert.NotNull(SharedFixtures.Parse("mswsmv_doc_example_4_1_1_get_response.xml").Single);
        var create = SharedFixtures.Parse("mswsmv_doc_example_4_1_4_invoke_response_win32_process_create.xml").Single!;
        Assert.Equal("Create_OUTPUT", create.ClassName);
        Assert.NotNull(create.GetUInt64("ReturnValue"));
        var pull = SharedFixtures.Parse("mswsmv_doc_example_4_1_2_6_pull_response_endofsequence.xml");
        Assert.True(pull.EndOfSequence);
        Assert.Single(pull.Items);
    }

    [SharedFixtureFact]
    public void Fault_cannot_process_filter_with_extended_status()
    {
        var f = SharedFixtures.Parse("fault_n_cannotprocessfilter_class_not_found_extendedstatus_ws2008r2.xml").Fault!;
        Assert.Equal("Sender", f.Code);
        Assert.Equal(WsManNamespaces.Enumeration, f.SubcodeNamespace);
        Assert.Equal("n:CannotProcessFilter", f.Subcode);
        Assert.Equal(WsManFaultException.CodeCannotProcessFilter, f.WsManCode);
        Assert.Equal("localhost", f.Machine);
        Assert.Equal("The specified class does not exist in the given namespace.", f.ProviderMessage);
        Assert.StartsWith("The data source could not process the filter.", f.Reason);
        Assert.NotNull(f.ExtendedStatus);
        Assert.Equal("__ExtendedStatus", f.ExtendedStatus!.ClassName);
        Assert.Equal("ExecQuery", f.ExtendedStatus.GetString("Operation"));
        Assert.Equal("Select * from Win32_Processa where name=\"sshd.exe\"", f.ExtendedStatus.GetString("ParameterInfo"));
        Assert.True(f.ExtendedStatus["StatusCode"]!.IsNull);
        Assert.Equal("http://schemas.xmlsoap.org/ws/2004/09/enumeration/fault", f.Action);
    }

    [SharedFixtureFact]
    public void Fault_wmiv1_plugin_form_with_wrapped_reason()
    {
        var f = SharedFixtures.Parse("fault_n_cannotprocessfilter_class_not_found_wmiv1_plugin.xml").Fault!;
        Assert.Equal("n:CannotProcessFilter", f.Subcode);
        Assert.Equal(2150858778u, f.WsManCode);
        Assert.Equal("The data source could not process the filter. The filter might be missing or it might be invalid. Change the filter and try the request again.", f.Reason);
        Assert.Equal("The specified class does not exist in the given namespace.", f.ProviderMessage);
    }

    [SharedFixtureFact]
    public void Fault_destination_unreachable_with_cim_schema_extended_status()
    {
        var f = SharedFixtures.Parse("fault_a_destinationunreachable_invalidresourceuri_extendedstatus_ws2012r2.xml").Fault!;
        Assert.Equal("a:DestinationUnreachable", f.Subcode);
        Assert.True(f.HasDetail("InvalidResourceURI"));
        Assert.Equal(WsManFaultException.CodeDestinationUnreachable, f.WsManCode);
        Assert.NotNull(f.ExtendedStatus);
        Assert.Equal("GetObject", f.ExtendedStatus!.GetString("Operation"));
        Assert.Equal("10.68.240.26", f.Machine); // the outer WSManFault's machine; the provider's is nested
    }

    [SharedFixtureFact]
    public void Fault_invalid_selectors_has_detail_suffix_and_code()
    {
        var f = SharedFixtures.Parse("fault_w_invalidselectors_unexpectedselectors.xml").Fault!;
        Assert.Equal("w:InvalidSelectors", f.Subcode);
        Assert.Equal("http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/UnexpectedSelectors", f.FaultDetail);
        Assert.True(f.HasDetail("UnexpectedSelectors"));
        Assert.Equal(2150858843u, f.WsManCode);
    }

    [SharedFixtureFact]
    public void Fault_bad_operation_timeout_and_timed_out()
    {
        var bad = SharedFixtures.Parse("fault_a_invalidmessageinformationheader_bad_operationtimeout.xml").Fault!;
        Assert.Equal("a:InvalidMessageInformationHeader", bad.Subcode);
        Assert.Equal(2150858767u, bad.WsManCode);
        var timedOut = SharedFixtures.Parse("fault_w_timedout_operationtimeout.xml").Fault!;
        Assert.Equal("Receiver", timedOut.Code);
        Assert.Equal("w:TimedOut", timedOut.Subcode);
        Assert.Equal(WsManFaultException.CodeTimedOut, timedOut.WsManCode);
    }

    [SharedFixtureFact]
    public void Fault_invalid_parameter_has_provider_text_and_code_87()
    {
        var f = SharedFixtures.Parse("fault_w_invalidparameter_invalidvalue.xml").Fault!;
        Assert.Equal("w:InvalidParameter", f.Subcode);
        Assert.True(f.HasDetail("InvalidValue"));
        Assert.Equal(87u, f.WsManCode);
        Assert.Equal("127.0.0.1", f.Machine);
        Assert.Equal("The parameter is incorrect.", f.ProviderMessage);
    }

    [SharedFixtureFact]
    public void Fault_internal_error_pretty_printed_with_empty_lang()
    {
        var f = SharedFixtures.Parse("fault_w_internalerror_max_concurrent_operations_per_user_prettyprinted.xml").Fault!;
        Assert.Equal("Receiver", f.Code);
        Assert.Equal("w:InternalError", f.Subcode);
        Assert.Equal(WsManFaultException.CodeMaxConcurrentOperationsPerUser, f.WsManCode);
        Assert.Equal("103040106", f.Machine);
        Assert.StartsWith("The WS-Management service cannot process the request.", f.Reason);
        Assert.Contains("maximum number of 15 concurrent operations", f.Message);
        Assert.Equal("http://schemas.dmtf.org/wbem/wsman/1/wsman/fault", f.Action);
    }

    [SharedFixtureFact]
    public void Fault_with_msft_wmierror_detail()
    {
        var f = SharedFixtures.Parse("fault_w_quotalimit_msft_wmierror_detail.xml").Fault!;
        Assert.Equal("w:QuotaLimit", f.Subcode);
        Assert.NotNull(f.WmiError);
        Assert.Equal("MSFT_WmiError", f.WmiError!.ClassName);
        Assert.Equal(27UL, f.WmiError.GetUInt64("CIMStatusCode"));
        Assert.Equal("HRESULT 0x803381a5", f.WmiError.GetString("MessageID"));
        Assert.True(f.WmiError["CIMStatusCodeDescription"]!.IsNull);
        Assert.Equal(2150859173u, f.WsManCode);
        Assert.Null(f.ExtendedStatus);
    }

    [SharedFixtureFact]
    public void Doc_fault_with_undeclared_prefix_falls_back_to_local_name()
    {
        var f = SharedFixtures.Parse("mswsmv_doc_example_4_10_fault_response_destinationunreachable.xml").Fault!;
        Assert.Null(f.SubcodeNamespace);
        Assert.Equal("DestinationUnreachable", f.SubcodeLocalName);
        Assert.Equal("DestinationUnreachable", f.Subcode);
        Assert.True(f.HasDetail("ResourceNotFound"));
        Assert.Equal(32768u, f.WsManCode);
        Assert.Equal("http://localhost:80/wsman", f.Machine);
    }

    [SharedFixtureFact]
    public void Fault_exception_message_names_operation_code_and_what_to_do()
    {
        var f = SharedFixtures.Parse("fault_n_cannotprocessfilter_class_not_found_extendedstatus_ws2008r2.xml").Fault!;
        var ex = new WsManFaultException(f, "Enumerate", WmiNamespace.AllClassesUri(WmiNamespace.CimV2), "hv01.example.test", 5986);
        Assert.Contains("SOAP fault during Enumerate", ex.Message);
        Assert.Contains("subcode 'n:CannotProcessFilter'", ex.Message);
        Assert.Contains("2150858778", ex.Message);
        Assert.Contains("0x8033801A", ex.Message);
        Assert.Contains("Check the WQL query", ex.Message);
        Assert.Equal("hv01.example.test", ex.Host);
        Assert.Equal(5986, ex.Port);
    }

    [SharedFixtureFact]
    public void Identify_responses_parse_through_the_envelope_reader()
    {
        // Identify parsing is the client's; exercise it through the same reader path the client uses.
        using var stream = File.OpenRead(SharedFixtures.PathOf("identify_response_authenticated_basic_ws2012r2.xml"));
        using var rr = ResponseReader.Open(stream, out var hasBody);
        Assert.True(hasBody);
        Assert.Equal("IdentifyResponse", rr.Reader.LocalName);
        Assert.Equal(WsManNamespaces.Identity, rr.Reader.NamespaceURI);
    }
}
