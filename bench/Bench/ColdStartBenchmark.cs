using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// Cold start: a fresh bot process on a fresh SQLite file, Slack on (the tests' stand-in), from its start to <c>/readyz</c> answering 200 (polled every
/// 200 ms), then the latency of its first requests, each the first of its kind: a webhook opening an incident, a signed
/// <c>/incident list</c>, and a second webhook for comparison. Several starts, one after the other.
/// </summary>
internal static class ColdStartBenchmark
{
    private const int Starts = 3;

    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        await using SlackSide slack = await SlackSide.StartAsync(cancellationToken); // Slack on, so that /incident list is served
        Console.WriteLine($"Cold start of {Servers.BotAssembly}");
        Console.WriteLine("| start | process start → /readyz 200 | first webhook (new group) | first `/incident list` | second webhook |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        for (int start = 1; start <= Starts; start++)
        {
            long started = Stopwatch.GetTimestamp();
            await using ChildProcess bot = await Servers.StartBotAsync(null, slack.BotSettings(), cancellationToken, readyPath: "readyz");
            TimeSpan ready = Stopwatch.GetElapsedTime(started);
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = bot.BaseAddress };
            TimeSpan firstWebhook = await TimeAsync(http, Webhook(group: 1), cancellationToken);
            TimeSpan firstList = await TimeAsync(http, SlashCommandBenchmark.Signed(new Uri("slack/commands", UriKind.Relative), "list", start), cancellationToken);
            TimeSpan secondWebhook = await TimeAsync(http, Webhook(group: 2), cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {start} | {ready.TotalSeconds:0.00} s | {firstWebhook.TotalMilliseconds:0} ms | {firstList.TotalMilliseconds:0} ms | {secondWebhook.TotalMilliseconds:0} ms |"));
        }
    }

    private static HttpRequestMessage Webhook(int group) => new(HttpMethod.Post, new Uri("webhooks/alertmanager", UriKind.Relative))
    {
        Content = new StringContent(Payloads.Webhook("cold", group, 0, 1), Encoding.UTF8, "application/json"),
    };

    private static async Task<TimeSpan> TimeAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        long sent = Stopwatch.GetTimestamp();
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return Stopwatch.GetElapsedTime(sent);
    }
}
