using System.Runtime.InteropServices;
using HyperVLibvirt.Simulator;
using HyperVLibvirt.Simulator.Wire;

// The simulator as a program: parse options, start the listeners, print one line per listener,
// serve until Ctrl+C or SIGTERM.
CommandLine commandLine;
try
{
    commandLine = CommandLine.Parse(args, Environment.GetEnvironmentVariable);
}
catch (FormatException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return 2;
}

if (commandLine.ShowHelp)
{
    Console.WriteLine(CommandLine.HelpText);
    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

SimulatorServer server;
try
{
    server = await SimulatorServer.StartAsync(commandLine.Options, stop.Token);
}
catch (Exception ex) when (ex is HyperVLibvirt.Simulator.Model.InventoryException or IOException or ArgumentException or InvalidOperationException or FormatException or UnauthorizedAccessException)
{
    Console.Error.WriteLine("error: cannot start the simulator: " + ex.Message);
    return 1;
}

await using (server)
{
    if (server.HttpEndpoint is { } http)
    {
        Console.WriteLine("listening: " + http);
    }

    if (server.HttpsEndpoint is { } https)
    {
        Console.WriteLine("listening: " + https);
    }

    Console.Out.Flush();
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
        // Ctrl+C or SIGTERM: stop cleanly.
    }
}

return 0;
