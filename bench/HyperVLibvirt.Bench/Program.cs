using System.Globalization;
using HyperVLibvirt.Bench;

// 'serve': a fleet of simulated hosts for the PowerShell benchmarks. Prints 'listening: URL' per
// host, then 'ready', and serves until stdin closes (the parent went away) or --max-minutes pass.
if (args.Length == 3 && args[0] == "parse")
{
    return ProfileCommand.ParseOnly(new Uri(args[1]), Environment.GetEnvironmentVariable("HVSIM_PASSWORD") ?? string.Empty,
        int.Parse(args[2], CultureInfo.InvariantCulture));
}

if (args.Length == 3 && args[0] == "wire")
{
    // wire URL RUNS: one host's listing time split by layer, wall and CPU (password in HVSIM_PASSWORD).
    return ProfileCommand.WireBreakdown(new Uri(args[1]), Environment.GetEnvironmentVariable("HVSIM_PASSWORD") ?? string.Empty,
        int.Parse(args[2], CultureInfo.InvariantCulture));
}

if (args.Length is 3 or 4 && args[0] == "seal")
{
    // seal RUNS BYTES[,BYTES...] [managed]: message encryption's client cost per listing of pages of those sizes (B6), in-process
    // NTLM (password in HVSIM_PASSWORD, the acceptor's accounts in the file NTLM_USER_FILE names).
    return SealingCost.Run(Environment.GetEnvironmentVariable("HVSIM_PASSWORD") ?? string.Empty, int.Parse(args[1], CultureInfo.InvariantCulture),
        args[2].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray(), managedClient: args.Length == 4 && args[3] == "managed");
}

if (args.Length == 3 && args[0] == "profile")
{
    // profile URI RUNS: the client alone, for dotnet-trace (password in HVSIM_PASSWORD).
    return await ProfileCommand.RunAsync(args[1], Environment.GetEnvironmentVariable("HVSIM_PASSWORD") ?? string.Empty,
        int.Parse(args[2], CultureInfo.InvariantCulture));
}

if (args.Length == 0 || args[0] != "serve")
{
    Console.Error.WriteLine("usage: HyperVLibvirt.Bench serve --hosts N --vms N [--latency-ms N] [--job-ms N] [--user NAME] [--inventory FILE] [--max-minutes N]");
    Console.Error.WriteLine("       HyperVLibvirt.Bench profile URI RUNS | parse URL RUNS | wire URL RUNS | seal RUNS BYTES[,BYTES...] [managed]  (password in HVSIM_PASSWORD)");
    return 2;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

string? Text(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

var user = Text("--user") ?? "admin";
var password = Environment.GetEnvironmentVariable("HVSIM_PASSWORD");
if (string.IsNullOrEmpty(password))
{
    Console.Error.WriteLine("error: set HVSIM_PASSWORD");
    return 2;
}

await using var fleet = await FleetServer.StartAsync(Option("--hosts", 1), Option("--vms", 8), Option("--latency-ms", 0), Option("--job-ms", 500), user, password, Text("--inventory"));
foreach (var server in fleet.Servers)
{
    Console.WriteLine("listening: " + server.HttpEndpoint);
}
Console.WriteLine("ready");
Console.Out.Flush();

// Bounded: a benchmark never leaves a server behind for longer than this.
var stdinClosed = Task.Run(() =>
{
    while (Console.In.ReadLine() is { } line && line != "stop")
    {
    }
});
await Task.WhenAny(stdinClosed, Task.Delay(TimeSpan.FromMinutes(Option("--max-minutes", 30))));
return 0;
