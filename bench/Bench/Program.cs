using System.Globalization;
using ChatOpsIncidents.Bench;

// One command per benchmark: bench/run ingest | events | slash | socket | alert-to-slack | storm | escalation | abuse | dashboard | cold-start   [--seconds N] [--connections N] [--incidents N] [--requests N] [--no-storm] [--restarted]
string benchmark = args.FirstOrDefault() ?? "";
int seconds = Option("--seconds", 10);
int connections = Option("--connections", benchmark == "dashboard" ? 4 : 16); // a dashboard has a few readers at once, not a pager's fan-in
var load = new LoadGenerator(connections, warmUp: TimeSpan.FromSeconds(2), duration: TimeSpan.FromSeconds(seconds));
using var stop = new CancellationTokenSource(TimeSpan.FromHours(1)); // every benchmark is bounded
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

Task run = benchmark switch
{
    "ingest" => new IngestBenchmark(load).RunAsync(stop.Token),
    "events" => new EventsBenchmark(load).RunAsync(stop.Token),
    "slash" => new SlashCommandBenchmark(load).RunAsync(stop.Token),
    "socket" => new SocketModeBenchmark(load).RunAsync(stop.Token),
    "alert-to-slack" => new AlertToSlackBenchmark(TimeSpan.FromSeconds(seconds)).RunAsync(stop.Token),
    "storm" => new StormBenchmark(TimeSpan.FromMinutes(Option("--drain-minutes", 10)), stormPolicy: !args.Contains("--no-storm"), restarted: args.Contains("--restarted")).RunAsync(stop.Token),
    "escalation" => new EscalationTimingBenchmark(TimeSpan.FromMinutes(Option("--minutes", 10))).RunAsync(stop.Token),
    "abuse" => AbuseBenchmark.RunAsync(stop.Token),
    "dashboard" => new DashboardBenchmark(load, Option("--incidents", 50_000), Option("--requests", 2_000)).RunAsync(stop.Token),
    "cold-start" => ColdStartBenchmark.RunAsync(stop.Token),
    _ => throw new ArgumentException($"Unknown benchmark \"{benchmark}\": use ingest, events, slash, socket, alert-to-slack, storm, escalation, abuse, dashboard or cold-start."),
};
await run;

int Option(string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
