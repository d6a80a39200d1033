using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// Alert to Slack: 100 alerts/s into the bot (SQLite) with Slack on, delivered into the Slack stand-in. Most deliveries
/// re-send open groups unchanged, as Alertmanager does; a new group arrives every 4 s, within Slack's Tier 2 budget
/// (20/min) for conversations.create and conversations.setTopic, which every new incident needs. Measured per new incident: from sending its
/// webhook to the stand-in receiving its first Slack call (the channel creation). The reference is the target: p99 under 250 ms.
/// </summary>
internal sealed class AlertToSlackBenchmark(TimeSpan duration)
{
    private const int AlertsPerSecond = 100;
    private static readonly TimeSpan s_newGroupEvery = TimeSpan.FromSeconds(4);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"Alert to Slack at {AlertsPerSecond} alerts/s for {duration.TotalSeconds:0} s, a new incident every {s_newGroupEvery.TotalSeconds:0} s");
        (double[] latencies, int sent, int failed, IEnumerable<string> rates) = await MeasureAsync(cancellationToken);
        double[] sorted = [.. latencies.Order()];
        foreach (string rate in rates)
        {
            Console.WriteLine(rate);
        }
        Console.WriteLine("| incidents | p50 | p99 (target 250 ms) | max | webhooks sent |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {sorted.Length} | {Percentile(sorted, 0.5):0.0} ms | {Percentile(sorted, 0.99):0.0} ms | {sorted.LastOrDefault():0.0} ms | {sent} ({failed} failed) |"));
    }

    private async Task<(double[] Latencies, int Sent, int Failed, IEnumerable<string> Rates)> MeasureAsync(CancellationToken cancellationToken)
    {
        await using SlackSide slack = await SlackSide.StartAsync(cancellationToken);
        await using ChildProcess bot = await Servers.StartBotAsync(null, slack.BotSettings(), cancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 16 }) { BaseAddress = bot.BaseAddress };
        var uri = new Uri("webhooks/alertmanager", UriKind.Relative);
        var sentAt = new Dictionary<int, DateTimeOffset>();
        var inFlight = new List<Task>();
        int groups = 0;
        int sent = 0;
        int failed = 0;
        const string run = "slack";
        await WarmUpAsync(http, uri, slack, cancellationToken);
        TimeSpan interval = TimeSpan.FromSeconds(1.0 / AlertsPerSecond);
        long started = Stopwatch.GetTimestamp();
        for (int tick = 0; Stopwatch.GetElapsedTime(started) < duration; tick++)
        {
            bool newGroup = tick % (int)(s_newGroupEvery / interval) == 0;
            int group = newGroup ? groups++ : tick % Math.Max(1, groups);
            inFlight.Add(SendAsync(group, newGroup));
            sent++;
            TimeSpan due = interval * (tick + 1);
            if (due > Stopwatch.GetElapsedTime(started))
            {
                await Task.Delay(due - Stopwatch.GetElapsedTime(started), cancellationToken);
            }
        }
        await Task.WhenAll(inFlight);
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken); // the last incidents' channels
        Dictionary<int, DateTimeOffset> channels = slack.ChannelRequests();
        double[] latencies = [.. sentAt.Select(pair => channels.TryGetValue(pair.Key, out DateTimeOffset at) ? (at - pair.Value).TotalMilliseconds : double.PositiveInfinity)];
        return (latencies, sent, failed, [.. slack.RateReport()]);

        async Task SendAsync(int group, bool measure)
        {
            using var content = new StringContent(Payloads.Webhook(run, group, 0, 1), Encoding.UTF8, "application/json");
            DateTimeOffset at = DateTimeOffset.UtcNow;
            try
            {
                using HttpResponseMessage response = await http.PostAsync(uri, content, cancellationToken);
                response.EnsureSuccessStatusCode();
                if (measure)
                {
                    using JsonDocument answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                    int number = int.Parse(answer.RootElement.GetProperty("incident").GetString()!["INC-".Length..], CultureInfo.InvariantCulture);
                    lock (sentAt)
                    {
                        sentAt[number] = at;
                    }
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failed);
            }
        }
    }

    /// <summary>One incident through to Slack before measuring, so that start-up work (JIT, first connections) is not counted.</summary>
    private static async Task WarmUpAsync(HttpClient http, Uri uri, SlackSide slack, CancellationToken cancellationToken)
    {
        using var content = new StringContent(Payloads.Webhook("warm-up", 0, 0, 1), Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await http.PostAsync(uri, content, cancellationToken);
        response.EnsureSuccessStatusCode();
        long started = Stopwatch.GetTimestamp();
        while (slack.StandIn.CallsTo("chat.update").Count == 0 && Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100, cancellationToken);
        }
        await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken); // the warm-up's Tier 2 calls are behind us
    }

    /// <summary>The nearest-rank percentile of sorted values; NaN for none.</summary>
    public static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
}
