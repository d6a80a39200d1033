using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// Abuse, as issue 15 probed it: the bot on SQLite with nothing but the README's settings (so with the tokens it generates on
/// its first start), then 8 concurrent unauthenticated 28 MB bodies to each of <c>POST /api/incidents</c>,
/// <c>POST /webhooks/alertmanager</c> and <c>POST /slack/commands</c>, then a flood of 1 100 alert groups each with a service of
/// its own (authenticated), then one SEV1 for <c>checkout</c>, a service the team's escalation policy names. Measured: the bot's resident memory (<c>VmRSS</c>, sampled every
/// 20 ms) against its idle figure (target within 50 MB), the size of a <c>/metrics</c> scrape (target under 1 MB), and whether
/// every incident is counted (the flood's services past the cap under <c>service="other"</c>) and the checkout SEV1 under its
/// own name.
/// </summary>
internal static class AbuseBenchmark
{
    private const int BigBodies = 8;
    private const int BigBodyBytes = 28_000_000;
    private const int FloodServices = 1_100;
    private const int FloodConnections = 16;
    private const double TargetMiB = 50;
    private const int TargetScrapeBytes = 1_000_000;

    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        string data = Directory.CreateTempSubdirectory("chatops-abuse-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["Database:SqlitePath"] = Path.Combine(data, "incidents.db"),
            ["Alertmanager:AllowAnonymous"] = "false",
            ["Api:AllowAnonymous"] = "false",
            ["Slack:BotToken"] = "xoxb-abuse-bench-never-called",
            ["Slack:IncidentsChannel"] = "#incidents",
            ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api/",
            ["Escalation:Policies:0:Name"] = "checkout",
            ["Escalation:Policies:0:Services:0"] = "checkout",
            ["Escalation:Policies:0:Steps:0:Users:0"] = "U0CHECKOUT",
        };
        await using ChildProcess bot = await Servers.StartBotAsync(null, settings, cancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = FloodConnections })
        {
            BaseAddress = bot.BaseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        string alertmanagerToken = GeneratedToken(data, "ALERTMANAGER_TOKEN");
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken); // settle after start
        double idle = bot.RssMiB();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bot idle: {idle:0} MiB RSS"));

        foreach (string path in new[] { "api/incidents", "webhooks/alertmanager", "slack/commands" })
        {
            ((string Status, double SentMB)[] answers, double peak) = await WhileSamplingAsync(bot, () => Task.WhenAll(
                Enumerable.Range(0, BigBodies).Select(_ => PostBigBodyAsync(bot.BaseAddress, path, cancellationToken))), cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{BigBodies} x 28 MB unauthenticated POST /{path}: answered {Summary(answers.Select(a => a.Status))} with at most {answers.Max(a => a.SentMB):0.0} MB of 28 sent; peak {peak:0} MiB RSS, {peak - idle:+0;-0} MiB over idle"));
        }

        (int[] flood, double floodPeak) = await WhileSamplingAsync(bot, () => FloodAsync(http, alertmanagerToken, cancellationToken), cancellationToken);
        int checkout = await PostWebhookAsync(http, alertmanagerToken, Webhook("flood-checkout", "checkout", "critical"), cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{FloodServices} alert groups, one service each: answers {Summary(flood.Select(code => code.ToString(CultureInfo.InvariantCulture)))}; peak {floodPeak:0} MiB RSS, {floodPeak - idle:+0;-0} MiB over idle; then a SEV1 for checkout: {checkout}"));

        string metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), cancellationToken);
        int scrapeBytes = Encoding.UTF8.GetByteCount(metrics);
        string[] opened = [.. metrics.Split('\n').Where(line => line.StartsWith("chatops_incidents_opened_total{", StringComparison.Ordinal))];
        bool checkoutCounted = opened.Any(line => line.Contains("service=\"checkout\"", StringComparison.Ordinal) && line.Contains("SEV1", StringComparison.Ordinal));
        double openedTotal = opened.Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        double peakOverall = bot.PeakRssMiB();
        Console.WriteLine();
        Console.WriteLine("| measure | figure | target |");
        Console.WriteLine("| --- | --- | --- |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| bot RSS idle → peak under abuse | {idle:0} → {peakOverall:0} MiB (+{peakOverall - idle:0} MiB) | within {TargetMiB:0} MB of idle, {(peakOverall - idle <= TargetMiB ? "met" : "not met")} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `/metrics` after {FloodServices} services | {scrapeBytes / 1024.0:0} KiB | under 1 MB, {(scrapeBytes < TargetScrapeBytes ? "met" : "not met")} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| incidents counted in chatops_incidents_opened_total (all series) | {openedTotal:0} of {FloodServices + 1} | all |"));
        Console.WriteLine($"| the SEV1 for checkout after the flood counted under service=\"checkout\" | {(checkoutCounted ? "yes" : "no")} | yes |");
        Directory.Delete(data, recursive: true);
    }

    /// <summary>The token the bot generated into the data folder on its first start, as a shell sourcing the file would read it.</summary>
    private static string GeneratedToken(string data, string name) => File.ReadLines(Path.Combine(data, "access-tokens"))
        .Select(line => line.Split('=', 2))
        .Single(pair => pair.Length == 2 && pair[0] == name)[1];

    /// <summary>Runs <paramref name="work"/> while sampling the bot's RSS every 20 ms; returns its result and the highest sample.</summary>
    private static async Task<(T Result, double PeakMiB)> WhileSamplingAsync<T>(ChildProcess bot, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        double peak = bot.RssMiB();
        Task<T> running = work();
        while (!running.IsCompleted)
        {
            peak = Math.Max(peak, bot.RssMiB());
            await Task.WhenAny(running, Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken));
        }
        return (await running, Math.Max(peak, bot.RssMiB()));
    }

    /// <summary>
    /// A 28 MB JSON body without credentials, written in 64 KiB pieces while the answer is awaited: returns the answer's status
    /// and how much of the body had gone out when it came (a bot that reads the body first answers only after all of it).
    /// </summary>
    private static async Task<(string Status, double SentMB)> PostBigBodyAsync(Uri bot, string path, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(bot.Host, bot.Port, cancellationToken);
        NetworkStream stream = client.GetStream();
        string head = string.Create(CultureInfo.InvariantCulture,
            $"POST /{path} HTTP/1.1\r\nHost: {bot.Authority}\r\nContent-Type: application/json\r\nContent-Length: {BigBodyBytes}\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        Task<string?> answer = reader.ReadLineAsync(cancellationToken).AsTask();
        byte[] piece = Encoding.ASCII.GetBytes(new string('d', 64 * 1024));
        long sent = 0;
        try
        {
            while (sent < BigBodyBytes && !answer.IsCompleted)
            {
                int length = (int)Math.Min(piece.Length, BigBodyBytes - sent);
                await stream.WriteAsync(piece.AsMemory(0, length), cancellationToken);
                sent += length;
            }
        }
        catch (IOException)
        {
            // The bot answered and closed the connection while the body was still coming.
        }
        string status = (await answer)?.Split(' ') is [_, { } code, ..] ? code : "no answer";
        return (status, sent / 1_000_000.0);
    }

    private static async Task<int[]> FloodAsync(HttpClient http, string token, CancellationToken cancellationToken)
    {
        var codes = new int[FloodServices];
        int next = -1;
        await Task.WhenAll(Enumerable.Range(0, FloodConnections).Select(async _ =>
        {
            for (int i = Interlocked.Increment(ref next); i < FloodServices; i = Interlocked.Increment(ref next))
            {
                string service = string.Create(CultureInfo.InvariantCulture, $"svc-{i:D4}");
                codes[i] = await PostWebhookAsync(http, token, Webhook($"flood-{i}", service, "warning"), cancellationToken);
            }
        }));
        return codes;
    }

    private static async Task<int> PostWebhookAsync(HttpClient http, string token, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("webhooks/alertmanager", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    private static string Webhook(string group, string service, string severity) => string.Create(CultureInfo.InvariantCulture, $$"""
        {"version":"4","groupKey":"{}:{group=\"{{group}}\"}","status":"firing","receiver":"incident-bot","truncatedAlerts":0,
         "alerts":[{"status":"firing","labels":{"alertname":"ServiceDown","service":"{{service}}","severity":"{{severity}}"},
                    "annotations":{"summary":"{{service}} is down"},"startsAt":"2026-03-02T09:14:00Z","endsAt":"0001-01-01T00:00:00Z",
                    "fingerprint":"{{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(group)))[..16]}}"}]}
        """);

    private static string Summary(IEnumerable<string> answers) =>
        string.Join(", ", answers.GroupBy(answer => answer).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()}× {g.Key}"));
}
