using System.Diagnostics;
using System.Globalization;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.TestSupport;
using Npgsql;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// Escalation timing: 1 000 incidents opened by webhook in one burst into the bot on PostgreSQL (Quartz clustered there) with
/// Slack on (the stand-in). The policy pages the on-call when an incident opens (the first step is due at once) and a second
/// person a minute later. Measured per page (one per step, each notifying one person): from its due time to the moment the
/// bot recorded it sent, after Slack answered ok to the direct message that carried it (a person's due pages leave together,
/// one message per person per second at most); and, to tell the scheduler from Slack, from the due time to the step's
/// timeline entry. Observed for a bounded window: a page not sent by its end counts as later than the window. Cross-checked
/// with the DMs the stand-in received and the bot's own <c>chatops_escalation_lag_seconds</c>. Target: p99 under 1 s.
/// </summary>
internal sealed class EscalationTimingBenchmark(TimeSpan window)
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
        List<SentPage> pages = [];
        while (Stopwatch.GetElapsedTime(started) < window && (steps.Count < Incidents * 2 || pages.Count < steps.Count))
        {
            await Task.Delay(TimeSpan.FromSeconds(15), cancellationToken);
            steps = await StepsAsync(db, cancellationToken);
            pages = await SentPagesAsync(db, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  after {Stopwatch.GetElapsedTime(started).TotalMinutes:0.0} min: {steps.Count} steps fired, {pages.Count} of their pages sent in {DirectMessages(slack.StandIn)} DMs, {slack.StandIn.CallsTo("conversations.create").Count} incident channels created"));
        }

        double[] toDm = [.. pages.Select(page => (page.SentAt - page.DueAt).TotalSeconds)
            .Concat(Enumerable.Repeat(double.PositiveInfinity, Math.Max(0, steps.Count - pages.Count)))
            .Order()];
        double[] toFired = [.. steps.Select(step => (step.FiredAt - step.DueAt).TotalSeconds).Order()];
        foreach (string rate in slack.RateReport())
        {
            Console.WriteLine(rate);
        }
        Console.WriteLine($"DMs at the stand-in: {DirectMessages(slack.StandIn)} ({string.Join(", ", new[] { OnCall, Second }.Select(user => $"{user} {slack.StandIn.DirectMessagesTo(user).Count}"))})");
        Console.WriteLine("| measured | steps | sent | p50 | p99 (target 1 s) | max |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        Console.WriteLine(Row("due → page sent (Slack answered ok)", steps.Count, pages.Count, toDm));
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
            SELECT "DueAt", "At" FROM "TimelineEntries" WHERE "Kind" = 'EscalationStep' AND "DueAt" IS NOT NULL
            """);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        List<Step> steps = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            steps.Add(new Step(reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }
        return steps;
    }

    /// <summary>The pages sent so far: the bot records each once Slack answered ok to the message that carried it.</summary>
    private static async Task<List<SentPage>> SentPagesAsync(NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = db.CreateCommand("""
            SELECT "DueAt", "FinishedAt" FROM "Pages" WHERE "Outcome" = 'Sent'
            """);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        List<SentPage> pages = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            pages.Add(new SentPage(reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }
        return pages;
    }

    private static int DirectMessages(SlackStandIn slack) => slack.DirectMessagesTo(OnCall).Count + slack.DirectMessagesTo(Second).Count;

    private sealed record Step(DateTimeOffset DueAt, DateTimeOffset FiredAt);

    private sealed record SentPage(DateTimeOffset DueAt, DateTimeOffset SentAt);
}
