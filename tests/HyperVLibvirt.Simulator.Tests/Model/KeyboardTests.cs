using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>Msvm_Keyboard as libvirt's hypervDomainSendKey finds and drives it.</summary>
public class KeyboardTests
{
    // libvirt's query, verbatim but for the UUID.
    private static CimInstance Keyboard(SimulatedHost host, string vmName) =>
        host.ExecuteQuery(TestHosts.V2,
            $"ASSOCIATORS OF {{Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='{vmName}'}} WHERE ResultClass = Msvm_Keyboard").Instances.Single();

    // libvirt's selectors: CreationClassName, DeviceID, SystemCreationClassName, SystemName.
    private static KeyValuePair<string, string>[] Selectors(CimInstance keyboard) =>
    [
        new("CreationClassName", "Msvm_Keyboard"), new("DeviceID", (string)keyboard["DeviceID"]!),
        new("SystemCreationClassName", "Msvm_ComputerSystem"), new("SystemName", (string)keyboard["SystemName"]!),
    ];

    private static uint Invoke(SimulatedHost host, CimInstance keyboard, string method, params KeyValuePair<string, object?>[] inputs) =>
        host.InvokeMethod(TestHosts.V2, "Msvm_Keyboard", Selectors(keyboard), method, inputs).ReturnValue;

    private static KeyValuePair<string, object?> In(string name, string value) => new(name, value);

    private static CimInstance RunningVm(SimulatedHost host) =>
        TestHosts.Vms(host).First(vm => (ulong)vm["EnabledState"]! == EnabledStates.Enabled);

    [Fact]
    public void EveryVmHasOneKeyboardFoundByLibvirtsAssociatorsQuery()
    {
        var host = TestHosts.Create();
        foreach (var vm in TestHosts.Vms(host))
        {
            var name = (string)vm["Name"]!;
            var keyboard = Keyboard(host, name);
            Assert.Equal(name, keyboard["SystemName"]);
            Assert.Equal((ulong)vm["EnabledState"]! == EnabledStates.Enabled ? 2UL : 3UL, keyboard["EnabledState"]);
        }
    }

    [Fact]
    public void PressAndReleaseAreRecordedInTheOrderSent()
    {
        var host = TestHosts.Create();
        var vm = RunningVm(host);
        var keyboard = Keyboard(host, (string)vm["Name"]!);
        Assert.Equal(0u, Invoke(host, keyboard, "PressKey", In("keyCode", "17")));
        Assert.Equal(0u, Invoke(host, keyboard, "PressKey", In("keyCode", "18")));
        Assert.Equal(0u, Invoke(host, keyboard, "ReleaseKey", In("keyCode", "17")));
        Assert.Equal(0u, Invoke(host, keyboard, "ReleaseKey", In("keyCode", "18")));
        Assert.Equal(0u, Invoke(host, keyboard, "TypeText", In("asciiText", "root")));
        Assert.Equal(0u, Invoke(host, keyboard, "TypeCtrlAltDel"));
        Assert.Equal(["PressKey 17", "PressKey 18", "ReleaseKey 17", "ReleaseKey 18", "TypeText root", "TypeCtrlAltDel"],
            host.KeyboardInput((string)vm["Name"]!));
    }

    [Fact]
    public void AVmThatIsNotRunningRefusesWithInvalidState()
    {
        var host = TestHosts.Create();
        var off = TestHosts.Vms(host).First(vm => (ulong)vm["EnabledState"]! == EnabledStates.Disabled);
        var keyboard = Keyboard(host, (string)off["Name"]!);
        Assert.Equal(32775u, Invoke(host, keyboard, "PressKey", In("keyCode", "13")));
        Assert.Equal(32775u, Invoke(host, keyboard, "TypeText", In("asciiText", "x")));
        Assert.Empty(host.KeyboardInput((string)off["Name"]!));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("255")]
    public void AKeyCodeOutsideTheVirtualKeyRangeIsAnInvalidParameter(string code)
    {
        var host = TestHosts.Create();
        var keyboard = Keyboard(host, (string)RunningVm(host)["Name"]!);
        Assert.Equal(32773u, Invoke(host, keyboard, "PressKey", In("keyCode", code)));
    }

    [Fact]
    public void AKeyCodeThatIsNotANumberIsAWmiFault()
    {
        var host = TestHosts.Create();
        var keyboard = Keyboard(host, (string)RunningVm(host)["Name"]!);
        var fault = Assert.Throws<CimException>(() => Invoke(host, keyboard, "PressKey", In("keyCode", "KEY_A")));
        Assert.Equal(CimErrorKind.InvalidParameter, fault.Kind);
    }

    [Fact]
    public void TextThatIsNotAsciiIsAnInvalidParameter()
    {
        var host = TestHosts.Create();
        var keyboard = Keyboard(host, (string)RunningVm(host)["Name"]!);
        Assert.Equal(32773u, Invoke(host, keyboard, "TypeText", In("asciiText", "grüß")));
    }
}
