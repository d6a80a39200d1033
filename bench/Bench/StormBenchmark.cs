using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.TestSupport;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// Storm: 10 000 alerts in 60 s across 500 groups into the bot with Slack on (the stand-in), on PostgreSQL and then on SQLite.
/// Each group is delivered twice, as Alertmanager would: its first 10 alerts, then 30 s later its snapshot of all 20. The last
/// <see cref="Sev1Groups"/> new groups are SEV1, paging one person. Meanwhile signed <c>/incident list</c> and
/// <c>/incident ack</c> are sent a few a second; the same again on the idle bot once the outbox drained. Measured: each SEV1's
/// channel, card and first page after its webhook; the storm card after the threshold was crossed; when the outbox drained
/// against the earliest Slack's budgets and the workload allow (<see cref="SlackSide.BudgetBound"/>); the commands' p99; Slack's
/// limits at the stand-in; the bot's peak RSS. Without a storm policy (<c>--no-storm</c>: <c>Storms:Threshold</c> out of reach) every
/// incident gets a channel of its own, as before issue 19, and the drain is bound by <c>conversations.create</c>'s budget. With
/// <c>--restarted</c> the bot meets the storm after a restart on the database its first start migrated, as a bot in service does;
/// otherwise on its first start, which migrated a new database.
/// </summary>
internal sealed class StormBenchmark(TimeSpan drainLimit, bool stormPolicy, bool restarted)
{
    private const int Groups = 500;
    private const int AlertsPerGroup = 20;
    private const int Sev1Groups = 5;
    private const string OnCall = "U0ONCALL01";

    /// <summary>Storms:Threshold's default: the storm opens with the incident after this many.</summary>
    private const int Threshold = 10;

    /// <summary>Storms:Threshold's largest value, which 500 groups never reach: no storm, a channel per incident.</summary>
    private const int UnreachableThreshold = 100_000;

    /// <summary>Slack:AlertLinesDelay's default: the storm's roll of each run of joining incidents waits this long for more.</summary>
    private static readonly TimeSpan s_alertLinesDelay = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan s_stormLength = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_commandInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_idleCommands = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_commandsWarmUp = TimeSpan.FromSeconds(2);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        await RunOnAsync("PostgreSQL", await postgres.CreateDatabaseAsync(cancellationToken), cancellationToken);
        await RunOnAsync("SQLite", null, cancellationToken);
    }

    private async Task RunOnAsync(string database, string? postgresConnection, CancellationToken cancellationToken)
    {
        string sqlitePath = Path.Combine(Directory.CreateTempSubdirectory("chatops-bench-storm-").FullName, "incidents.db");
        await using SlackSide slack = await SlackSide.StartAsync(cancellationToken);
        slack.StandIn.Workspace.AddUser(OnCall, "on-call", "On Call");
        Dictionary<string, string> settings = slack.BotSettings();
        settings["Database:SqlitePath"] = sqlitePath;
        settings["Escalation:Policies:0:Name"] = "sev1";
        settings["Escalation:Policies:0:Severities:0"] = "SEV1";
        settings["Escalation:Policies:0:Steps:0:Users:0"] = OnCall;
        if (!stormPolicy)
        {
            settings["Storms:Threshold"] = UnreachableThreshold.ToString(CultureInfo.InvariantCulture);
        }
        if (restarted)
        {
            await using (await Servers.StartBotAsync(postgresConnection, settings, cancellationToken))
            {
                // started once to migrate its database
            }
        }
        await using ChildProcess bot = await Servers.StartBotAsync(postgresConnection, settings, cancellationToken);
        await using DbDataSource db = postgresConnection is null
            ? SqliteFactory.Instance.CreateDataSource($"Data Source={sqlitePath};Mode=ReadOnly")
            : NpgsqlDataSource.Create(postgresConnection);
        double idleRss = bot.RssMiB();
        Console.WriteLine($"storm on {database}{(stormPolicy ? "" : ", no storm policy (a channel per incident)")}{(restarted ? ", bot restarted on its migrated database" : "")}: {Groups} groups, {Groups * AlertsPerGroup} alerts in {s_stormLength.TotalSeconds:0} s; the last {Sev1Groups} new groups SEV1");

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 16 }) { BaseAddress = bot.BaseAddress };
        var uri = new Uri("webhooks/alertmanager", UriKind.Relative);
        int deliveries = Groups * 2;
        TimeSpan interval = s_stormLength / deliveries;
        var inFlight = new List<Task<bool>>(deliveries);
        var firstSent = new DateTimeOffset[Groups];
        using (var warmUp = new CancellationTokenSource(s_commandsWarmUp))
        {
            await SendCommandsAsync(http, firstIncident: 1, warmUp.Token); // not counted: the first commands of a process compile their code
        }
        using var stopCommands = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        DateTimeOffset stormStarted = DateTimeOffset.UtcNow;
        long started = Stopwatch.GetTimestamp();
        Task<CommandLatencies> duringStorm = SendCommandsAsync(http, firstIncident: 20, stopCommands.Token);
        for (int i = 0; i < deliveries; i++)
        {
            int group = i % Groups;
            bool first = i < Groups;
            string severity = group >= Groups - Sev1Groups ? "critical" : "warning";
            if (first)
            {
                firstSent[group] = DateTimeOffset.UtcNow;
            }
            inFlight.Add(PostAsync(http, uri, Payloads.Webhook("storm", group, 0, first ? AlertsPerGroup / 2 : AlertsPerGroup, severity), cancellationToken));
            TimeSpan due = interval * (i + 1);
            if (due > Stopwatch.GetElapsedTime(started))
            {
                await Task.Delay(due - Stopwatch.GetElapsedTime(started), cancellationToken);
            }
        }
        bool[] answers = await Task.WhenAll(inFlight);
        DateTimeOffset lastWebhook = DateTimeOffset.UtcNow;
        await stopCommands.CancelAsync();
        CommandLatencies stormCommands = await duringStorm;
        double stormRss = bot.PeakRssMiB();

        long incidents = await ScalarAsync(db, """SELECT count(*) FROM "Incidents" WHERE "Source" = 'Alertmanager'""", cancellationToken);
        long alertsStored = await ScalarAsync(db, """SELECT count(*) FROM "Alerts" """, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {deliveries} webhooks ({answers.Count(ok => !ok)} failed) in {(lastWebhook - stormStarted).TotalSeconds:0.0} s; {incidents} of {Groups} incidents, {alertsStored} of {Groups * AlertsPerGroup} alerts stored"));

        DateTimeOffset? drainedAt = await WaitForDrainAsync(db, cancellationToken);
        using var idle = new CancellationTokenSource(s_idleCommands);
        CommandLatencies idleCommands = await SendCommandsAsync(http, firstIncident: 300, idle.Token);

        TimeSpan bound = slack.BudgetBound(lastWebhook - stormStarted + s_alertLinesDelay);
        if (!stormPolicy)
        {
            // An undrained run has not made all its calls yet: every incident's channel is still owed.
            TimeSpan channels = SlackSide.MethodBound("conversations.create", (int)incidents);
            bound = channels > bound ? channels : bound;
            Console.WriteLine(ChannelRate(slack.StandIn, (int)incidents));
        }
        Console.WriteLine(drainedAt is { } drained
            ? string.Create(CultureInfo.InvariantCulture,
                $"  outbox drained {(drained - stormStarted).TotalSeconds:0} s after the first webhook; budget-bound minimum {bound.TotalSeconds:0} s: ratio {(drained - stormStarted) / bound:0.00} (target ≤ 1.10)")
            : string.Create(CultureInfo.InvariantCulture,
                $"  outbox NOT drained within {drainLimit.TotalMinutes:0} min of the storm's end; budget-bound minimum {bound.TotalSeconds:0} s"));
        foreach (string line in await Sev1DelaysAsync(db, slack.StandIn, firstSent, cancellationToken))
        {
            Console.WriteLine(line);
        }
        if (stormPolicy)
        {
            Console.WriteLine(await StormCardDelayAsync(db, slack.StandIn, firstSent[Threshold], cancellationToken));
        }
        Console.WriteLine(stormCommands.Describe("during the storm"));
        Console.WriteLine(idleCommands.Describe("idle, after the drain"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  p99 during / idle: list {stormCommands.List.P99 / idleCommands.List.P99:0.00}, ack {stormCommands.Ack.P99 / idleCommands.Ack.P99:0.00} (target: under 200 ms during)"));
        foreach (string rate in slack.RateReport())
        {
            Console.WriteLine("  " + rate);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  bot RSS: {idleRss:0} MiB idle, peak {stormRss:0} MiB during the storm, peak {bot.PeakRssMiB():0} MiB overall (target under 200 MB = 190.7 MiB)"));
    }

    /// <summary>Posts a webhook; false when it was not answered 2xx.</summary>
    public static async Task<bool> PostAsync(HttpClient http, Uri uri, string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        try
        {
            using HttpResponseMessage response = await http.PostAsync(uri, content, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Polls every second until no incident has undelivered entries; null when that did not happen within the drain limit.</summary>
    private async Task<DateTimeOffset?> WaitForDrainAsync(DbDataSource db, CancellationToken cancellationToken)
    {
        var draining = Stopwatch.StartNew();
        while (draining.Elapsed < drainLimit)
        {
            long undelivered = await ScalarAsync(db, """
                SELECT count(*) FROM "IncidentDeliveries" d
                WHERE EXISTS (SELECT 1 FROM "TimelineEntries" e WHERE e."IncidentId" = d."IncidentId" AND e."Id" > d."DeliveredThroughEntryId")
                """, cancellationToken);
            if (undelivered == 0)
            {
                return DateTimeOffset.UtcNow;
            }
            if (draining.Elapsed.Seconds % 30 == 0 && draining.Elapsed.Milliseconds < 1000)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  after {draining.Elapsed.TotalMinutes:0.0} min: {undelivered} incidents with undelivered entries"));
            }
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        return null;
    }

    /// <summary>Per SEV1: its webhook → its channel asked for, its card posted, its first page sent (target 30 s each).</summary>
    private static async Task<IEnumerable<string>> Sev1DelaysAsync(DbDataSource db, SlackStandIn slack, DateTimeOffset[] firstSent, CancellationToken cancellationToken)
    {
        List<string> lines = [];
        IReadOnlyList<RecordedCall> posts = slack.CallsTo("chat.postMessage");
        IReadOnlyList<RecordedCall> pages = slack.DirectMessagesTo(OnCall);
        IReadOnlyList<RecordedCall> creates = slack.CallsTo("conversations.create");
        for (int group = Groups - Sev1Groups; group < Groups; group++)
        {
            long number = await ScalarAsync(db, $"""SELECT "IncidentId" FROM "Alerts" WHERE "Fingerprint" = '{Payloads.Fingerprint("storm", group, 0)}'""", cancellationToken);
            var key = new Regex($@"\bINC-{number}\b", RegexOptions.CultureInvariant);
            DateTimeOffset? channel = creates.FirstOrDefault(c => (c.Json?["name"]?.GetValue<string>() ?? "").StartsWith($"inc-{number}-", StringComparison.Ordinal))?.At;
            DateTimeOffset? card = posts.FirstOrDefault(c => c.Json?["blocks"]?[0]?["text"]?["text"]?.GetValue<string>().StartsWith($"INC-{number} ", StringComparison.Ordinal) == true)?.At;
            DateTimeOffset? page = pages.FirstOrDefault(c => key.IsMatch(c.Json?.ToJsonString() ?? ""))?.At;
            lines.Add($"  SEV1 INC-{number}: webhook → channel {Seconds(channel, firstSent[group])}, card {Seconds(card, firstSent[group])}, first page {Seconds(page, firstSent[group])} (target 30 s)");
        }
        return lines;
    }

    /// <summary>The threshold crossed (the webhook of the incident after <see cref="Threshold"/>) → the storm's card posted (target 30 s).</summary>
    private static async Task<string> StormCardDelayAsync(DbDataSource db, SlackStandIn slack, DateTimeOffset thresholdCrossed, CancellationToken cancellationToken)
    {
        long storm = await ScalarAsync(db, """SELECT min("Id") FROM "Incidents" WHERE "Source" = 'Storm'""", cancellationToken);
        DateTimeOffset? card = slack.CallsTo("chat.postMessage")
            .FirstOrDefault(c => c.Json?["blocks"]?[0]?["text"]?["text"]?.GetValue<string>().StartsWith($"INC-{storm} ", StringComparison.Ordinal) == true)?.At;
        return $"  storm INC-{storm}: threshold crossed → storm card {Seconds(card, thresholdCrossed)} (target 30 s)";
    }

    /// <summary>How many of the incidents' channels were asked for, and at what rate from the first to the last (Slack's budget 20/min).</summary>
    private static string ChannelRate(SlackStandIn slack, int incidents)
    {
        IReadOnlyList<RecordedCall> creates = slack.CallsTo("conversations.create");
        double minutes = creates.Count > 1 ? (creates[^1].At - creates[0].At).TotalMinutes : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"  channels asked for: {creates.Count} of {incidents} incidents in {minutes:0.0} min, {(minutes > 0 ? (creates.Count - 1) / minutes : 0):0.0}/min (Slack's budget 20/min)");
    }

    private static string Seconds(DateTimeOffset? at, DateTimeOffset from) =>
        at is { } value ? string.Create(CultureInfo.InvariantCulture, $"{(value - from).TotalSeconds:0.0} s") : "never";

    /// <summary>
    /// Signed <c>/incident list</c> and <c>/incident ack INC-n</c> (n from <paramref name="firstIncident"/> up, so each acknowledges a
    /// triggered incident), one every <see cref="s_commandInterval"/>, each awaited before the next, until <paramref name="stop"/>.
    /// </summary>
    private static async Task<CommandLatencies> SendCommandsAsync(HttpClient http, int firstIncident, CancellationToken stop)
    {
        await Task.Yield();
        var commands = new Uri("slack/commands", UriKind.Relative);
        List<double> list = [];
        List<double> ack = [];
        for (long sequence = 0; !stop.IsCancellationRequested; sequence++)
        {
            bool listing = sequence % 2 == 0;
            string text = listing ? "list" : $"ack INC-{firstIncident + (sequence / 2)}";
            using HttpRequestMessage request = SlashCommandBenchmark.Signed(new Uri(http.BaseAddress!, commands), text, sequence + (firstIncident * 10_000L));
            long sent = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await http.SendAsync(request, CancellationToken.None);
            response.EnsureSuccessStatusCode();
            (listing ? list : ack).Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            try
            {
                await Task.Delay(s_commandInterval, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return new CommandLatencies(Result(list), Result(ack));

        static LoadResult Result(List<double> latencies) => new(latencies.Count, 0, TimeSpan.FromSeconds(1), [.. latencies], 1, null);
    }

    private static async Task<long> ScalarAsync(DbDataSource db, string sql, CancellationToken cancellationToken)
    {
        await using DbCommand command = db.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private sealed record CommandLatencies(LoadResult List, LoadResult Ack)
    {
        public string Describe(string when) => string.Create(CultureInfo.InvariantCulture,
            $"  /incident list {when}: {List.Succeeded} sent, p50 {List.P50:0.0} / p99 {List.P99:0.0} ms; /incident ack: {Ack.Succeeded} sent, p50 {Ack.P50:0.0} / p99 {Ack.P99:0.0} ms");
    }
}
