using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.TestSupport;
using Npgsql;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// Escalation timing: 1 000 incidents opened by webhook in one burst into the bot on PostgreSQL (Quartz clustered there) with
/// Slack on (the stand-in). The policy pages the on-call when an incident opens (the first step is due at once) and a second
/// person a minute later. Measured per escalation step: from its due time (the step's timeline entry, <c>DueAt</c>) to the
/// stand-in receiving the <c>chat.postMessage</c> into that person's direct conversation (after its <c>conversations.open</c>),
/// and, to tell the scheduler from Slack, from the due time to the step's timeline entry (<c>At</c>). Observed for a bounded
/// window: a DM not sent by its end counts as later than the window. Cross-checked with the bot's own
/// <c>chatops_escalation_lag_seconds</c>. Target: p99 under 1 s.
/// </summary>
internal sealed partial class EscalationTimingBenchmark(TimeSpan window)
{
    private const int Incidents = 1_000;
    private const string OnCall = "U0BENCH01";
    private const string Second = "U0BENCH02";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"Escalation timing: {Incidents} incidents opened in one burst, each paging {OnCall} at once and {Second} a minute later; observed for {window.TotalMinutes:0} min");
        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        string connection = await postgres.CreateDatabaseAsync(cancellationToken);
        await using SlackSide slack = await SlackSide.StartAsync(cancellationToken);
        slack.StandIn.Workspace.AddUser(OnCall, "on-call", "On Call");
        slack.StandIn.Workspace.AddUser(Second, "second", "Second Line");
        Dictionary<string, string> settings = slack.BotSettings();
        settings["Escalation:Policies:0:Name"] = "bench";
        settings["Escalation:Policies:0:Steps:0:Users:0"] = OnCall;
        settings["Escalation:Policies:0:Steps:0:WaitMinutes"] = "1"; // the smallest wait the options allow
        settings["Escalation:Policies:0:Steps:1:Users:0"] = Second;
        await using ChildProcess bot = await Servers.StartBotAsync(connection, settings, cancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 16 }) { BaseAddress = bot.BaseAddress };

        var uri = new Uri("webhooks/alertmanager", UriKind.Relative);
        long started = Stopwatch.GetTimestamp();
        bool[] answers = await Task.WhenAll(Enumerable.Range(0, Incidents)
            .Select(group => StormBenchmark.PostAsync(http, uri, Payloads.Webhook("escalation", group, 0, 1), cancellationToken)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"burst: {Incidents} webhooks ({answers.Count(ok => !ok)} failed) answered within {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));

        if (answers.Any(ok => !ok))
        {
            Console.WriteLine($"the bot's last output:{Environment.NewLine}{string.Join(Environment.NewLine, bot.Output.Split('\n').TakeLast(40))}");
        }
        await using var db = NpgsqlDataSource.Create(connection);
        List<Step> steps = [];
        int sent = 0;
        while (Stopwatch.GetElapsedTime(started) < window && (steps.Count < Incidents * 2 || sent < steps.Count))
        {
            await Task.Delay(TimeSpan.FromSeconds(15), cancellationToken);
            steps = await StepsAsync(db, cancellationToken);
            sent = Sent(slack.StandIn, steps).Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  after {Stopwatch.GetElapsedTime(started).TotalMinutes:0.0} min: {steps.Count} steps fired, {sent} of their DMs sent, {slack.StandIn.CallsTo("conversations.create").Count} incident channels created"));
        }

        Dictionary<(long Incident, string User), DateTimeOffset> dms = Sent(slack.StandIn, steps);
        double[] toDm = [.. steps.Select(step => dms.TryGetValue((step.Incident, step.User), out DateTimeOffset at) ? (at - step.DueAt).TotalSeconds : double.PositiveInfinity).Order()];
        double[] toFired = [.. steps.Select(step => (step.FiredAt - step.DueAt).TotalSeconds).Order()];
        foreach (string rate in slack.RateReport())
        {
            Console.WriteLine(rate);
        }
        Console.WriteLine("| measured | steps | sent | p50 | p99 (target 1 s) | max |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        Console.WriteLine(Row("due → DM chat.postMessage at the stand-in", toDm.Length, dms.Count, toDm));
        Console.WriteLine(Row("due → step fired (timeline entry)", toFired.Length, toFired.Length, toFired));
        Console.WriteLine("bot's /metrics:");
        foreach (string line in (await http.GetStringAsync(new Uri("metrics", UriKind.Relative), cancellationToken)).Split('\n')
            .Where(line => line.StartsWith("chatops_escalation_lag_seconds", StringComparison.Ordinal)))
        {
            Console.WriteLine($"  {line}");
        }
    }

    private static string Row(string what, int steps, int sent, double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"| {what} | {steps} | {sent} | {Seconds(AlertToSlackBenchmark.Percentile(sorted, 0.5))} | {Seconds(AlertToSlackBenchmark.Percentile(sorted, 0.99))} | {Seconds(sorted.LastOrDefault(double.NaN))} |");

    private static string Seconds(double seconds) => double.IsPositiveInfinity(seconds)
        ? "not sent in the window"
        : string.Create(CultureInfo.InvariantCulture, $"{seconds:0.000} s");

    /// <summary>The escalation steps fired so far: each notifies one person.</summary>
    private static async Task<List<Step>> StepsAsync(NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = db.CreateCommand("""
            SELECT "IncidentId", "Recipients", "DueAt", "At" FROM "TimelineEntries" WHERE "Kind" = 'EscalationStep' AND "DueAt" IS NOT NULL
            """);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        List<Step> steps = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            steps.Add(new Step(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return steps;
    }

    /// <summary>When the stand-in received each person's page about each incident (the first, should there be more).</summary>
    private static Dictionary<(long Incident, string User), DateTimeOffset> Sent(SlackStandIn slack, List<Step> steps) => steps
        .Select(step => step.User)
        .Distinct()
        .SelectMany(user => slack.DirectMessagesTo(user).Select(call => (
            Incident: long.Parse(IncidentKey().Match(call.Json?["text"]?.GetValue<string>() ?? "").Groups[1].ValueSpan, CultureInfo.InvariantCulture),
            User: user,
            call.At)))
        .GroupBy(dm => (dm.Incident, dm.User))
        .ToDictionary(group => group.Key, group => group.Min(dm => dm.At));

    [GeneratedRegex(@"paged for INC-(\d+)\b")]
    private static partial Regex IncidentKey();

    private sealed record Step(long Incident, string User, DateTimeOffset DueAt, DateTimeOffset FiredAt);
}
