using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Keyboard;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Keyboard;

/// <summary>Keys sent to a simulated host, checked against what its keyboards received.</summary>
public sealed class KeyboardServiceTests : IAsyncLifetime
{
    private const string User = "admin";
    private const string Password = "Sim-Keys-4471!";

    private SimulatorServer? _sim;
    private HvConnection? _connection;

    public async Task InitializeAsync()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.VmCount = 8;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        _sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{_sim.HttpEndpoint!.Port}/?transport=http");
        _connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _connection?.Dispose();
        if (_sim is not null)
        {
            await _sim.DisposeAsync();
        }
    }

    private async Task<HvDomain> FirstAsync(string state)
    {
        await foreach (var domain in new DomainService(_connection!, null).GetDomainsAsync(new DomainFilter(), detailed: false))
        {
            if (domain.State == state)
            {
                return domain;
            }
        }
        throw new InvalidOperationException("The stock host has no domain that is " + state);
    }

    private static KeyStroke[] Keys(params string[] names) => names.Select(n => KeyCodes.Resolve(KeyCodeSet.Linux, n)).ToArray();

    [Fact]
    public async Task Keys_are_pressed_in_order_then_released_in_the_same_order()
    {
        var domain = await FirstAsync("Running");
        await new KeyboardService(_connection!, null).SendKeysAsync(domain, Keys("KEY_LEFTCTRL", "KEY_LEFTALT", "KEY_DELETE"), TimeSpan.Zero,
            CancellationToken.None);
        Assert.Equal(["PressKey 17", "PressKey 18", "PressKey 46", "ReleaseKey 17", "ReleaseKey 18", "ReleaseKey 46"],
            _sim!.Host.KeyboardInput(domain.GetRecord().UuidString));
    }

    [Fact]
    public async Task Text_and_ctrl_alt_del_use_the_keyboards_own_methods()
    {
        var domain = await FirstAsync("Running");
        var service = new KeyboardService(_connection!, null);
        await service.TypeTextAsync(domain, "root\n", CancellationToken.None);
        await service.SendCtrlAltDelAsync(domain, CancellationToken.None);
        Assert.Equal(["TypeText root\n", "TypeCtrlAltDel"], _sim!.Host.KeyboardInput(domain.GetRecord().UuidString));
    }

    [Fact]
    public async Task A_domain_that_is_off_is_refused_with_what_to_do()
    {
        var domain = await FirstAsync("Shutoff");
        var e = await Assert.ThrowsAsync<HvKeyboardException>(() =>
            new KeyboardService(_connection!, null).SendKeysAsync(domain, Keys("KEY_A"), TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(KeyboardFailure.DomainNotRunning, e.Reason);
        Assert.Equal(32775u, e.ReturnCode);
        Assert.Contains("Start-HvDomain", e.Message, StringComparison.Ordinal);
        Assert.Empty(_sim!.Host.KeyboardInput(domain.GetRecord().UuidString));
    }

    [Fact]
    public async Task Text_that_is_not_ascii_is_refused_before_anything_is_sent()
    {
        var domain = await FirstAsync("Running");
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            new KeyboardService(_connection!, null).TypeTextAsync(domain, "héllo", CancellationToken.None));
        Assert.Contains("Character 2", e.Message, StringComparison.Ordinal);
        Assert.Empty(_sim!.Host.KeyboardInput(domain.GetRecord().UuidString));
    }

    [Fact]
    public async Task Cancelling_the_hold_releases_the_keys_already_down()
    {
        var domain = await FirstAsync("Running");
        using var cancel = new CancellationTokenSource();
        var sending = new KeyboardService(_connection!, null).SendKeysAsync(domain, Keys("KEY_LEFTSHIFT", "KEY_A"), TimeSpan.FromHours(1), cancel.Token);
        var uuid = domain.GetRecord().UuidString;
        for (var i = 0; i < 500 && _sim!.Host.KeyboardInput(uuid).Count < 2; i++)
        {
            await Task.Delay(10);
        }
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.Equal(["PressKey 160", "PressKey 65", "ReleaseKey 160", "ReleaseKey 65"], _sim!.Host.KeyboardInput(uuid));
    }
}
