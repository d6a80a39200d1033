using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// Events intake: events/s and latency of the bot's <c>POST /v2/enqueue</c> (PagerDuty Events API v2 triggers) against its
/// own Alertmanager webhook path in the same run, on SQLite. "New" gives each trigger its own <c>dedup_key</c> (an incident
/// each, as each webhook delivery opens one); "repeated" re-sends 100 keys (each event stored and attached to its open
/// incident, as a chatty tool re-triggers).
/// </summary>
internal sealed class EventsBenchmark(LoadGenerator load)
{
    private const string RoutingKey = "b3f2c9d4e5b6a7980c1d2e3f4a5b6c7d";
    private const int RepeatedKeys = 100;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using ChildProcess bot = await Servers.StartBotAsync(null, new Dictionary<string, string>
        {
            ["Events__Integrations__bench__RoutingKey"] = RoutingKey,
            ["Events__Integrations__bench__Service"] = "bench",
            ["Events__RateLimitPerMinute"] = "100000000", // measured here: the intake, not the limit
        }, cancellationToken);

        LoadResult webhook = await MeasureAsync(bot.BaseAddress, "webhooks/alertmanager", sequence => Payloads.Webhook("ev", sequence, 0, 1), cancellationToken);
        LoadResult fresh = await MeasureAsync(bot.BaseAddress, "v2/enqueue", sequence => Trigger($"new-{sequence}"), cancellationToken);
        LoadResult repeated = await MeasureAsync(bot.BaseAddress, "v2/enqueue", sequence => Trigger($"repeated-{sequence % RepeatedKeys}"), cancellationToken);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Events intake, {load.Connections} connections, on SQLite: items/s (p50 / p99 ms); ratio = events / webhook");
        report.AppendLine("| path | items/s (p50 / p99 ms) | ratio |");
        report.AppendLine("| --- | --- | --- |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| POST /webhooks/alertmanager, 1 alert, new group | {Cell(webhook)} | 1.00 |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| POST /v2/enqueue, trigger, new dedup_key | {Cell(fresh)} | {fresh.ItemsPerSecond / webhook.ItemsPerSecond:0.00} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| POST /v2/enqueue, trigger, repeated dedup_key | {Cell(repeated)} | {repeated.ItemsPerSecond / webhook.ItemsPerSecond:0.00} |");
        Console.WriteLine(report);
    }

    private static string Trigger(string dedupKey) => new JsonObject
    {
        ["routing_key"] = RoutingKey,
        ["event_action"] = "trigger",
        ["dedup_key"] = dedupKey,
        ["payload"] = new JsonObject
        {
            ["summary"] = $"Disk full on {dedupKey}",
            ["source"] = "db1.example.com",
            ["severity"] = "critical",
            ["custom_details"] = new JsonObject { ["free space"] = "1%" },
        },
    }.ToJsonString();

    private async Task<LoadResult> MeasureAsync(Uri target, string path, Func<long, string> body, CancellationToken cancellationToken)
    {
        var uri = new Uri(path, UriKind.Relative);
        (LoadResult result, _) = await load.RunAsync(
            target, sequence => new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body(sequence), Encoding.UTF8, "application/json") },
            1, 0, cancellationToken);
        if (result.Failed > 0)
        {
            Console.WriteLine($"warning: {result.Failed} requests to {target}{path} failed");
        }
        return result;
    }

    private static string Cell(LoadResult result) => string.Create(CultureInfo.InvariantCulture, $"{result.ItemsPerSecond:0} ({result.P50:0.0} / {result.P99:0.0})");
}
