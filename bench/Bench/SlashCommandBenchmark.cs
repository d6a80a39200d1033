using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// Signed <c>/incident list</c> and <c>/incident ack INC-n</c> requests/s and p99, against Slack's Bolt for JavaScript answering
/// the same signed requests with an empty <c>ack()</c>. Every ack hits a different triggered incident (created beforehand
/// through the webhook), so each one writes. For orientation, two floors measured the same way: <c>/incident help</c>, which
/// takes the whole slash-command path but reads no database, and <c>GET /healthz</c>, the bot's HTTP server alone. On SQLite,
/// then on PostgreSQL.
/// </summary>
internal sealed class SlashCommandBenchmark(LoadGenerator load)
{
    private const int OpenIncidentsListed = 20;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        string postgresConnection = await postgres.CreateDatabaseAsync(cancellationToken);
        await using ChildProcess bolt = await Servers.StartBoltAsync(cancellationToken);
        await using SlackSide slack = await SlackSide.StartAsync(cancellationToken); // Slack on; the incidents' messages go to the stand-in
        var table = new StringBuilder();
        table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Slash commands, {load.Connections} connections; ratio = ours / Bolt (requests/s)"));
        table.AppendLine("| database | command | Bolt empty ack() req/s (p50 / p99 ms) | bot req/s (p50 / p99 ms) | ratio |");
        table.AppendLine("| --- | --- | --- | --- | --- |");
        foreach ((string database, string? connection) in new[] { ("SQLite", (string?)null), ("PostgreSQL", postgresConnection) })
        {
            await using ChildProcess bot = await Servers.StartBotAsync(connection, slack.BotSettings(), cancellationToken);
            await MeasureBotAsync(database, bolt, bot, table, cancellationToken);
        }
        Console.WriteLine();
        Console.WriteLine(table);
    }

    /// <summary>Bolt and the bot on one database, one after the other (Bolt again each time: the ratio is same-run).</summary>
    private async Task MeasureBotAsync(string database, ChildProcess bolt, ChildProcess bot, StringBuilder table, CancellationToken cancellationToken)
    {
        int toAcknowledge = await CreateIncidentsAsync(bot.BaseAddress, OpenIncidentsListed, cancellationToken);
        LoadResult boltList = await MeasureAsync(bolt.BaseAddress, _ => "list", cancellationToken);
        Starting(database, "/incident list", bot);
        LoadResult botList = await MeasureAsync(bot.BaseAddress, _ => "list", cancellationToken);
        Starting(database, "/incident help", bot);
        LoadResult botHelp = await MeasureAsync(bot.BaseAddress, _ => "help", cancellationToken);
        (LoadResult botHealth, _) = await load.RunAsync(bot.BaseAddress, _ => new HttpRequestMessage(HttpMethod.Get, "healthz"), 1, 0, cancellationToken);
        // Every ack must find a triggered incident of its own: prepare half again as many as the faster of list and help (the
        // floor no command outruns) would ack; acks, group-committed, can outrun list.
        double fastest = Math.Max(botList.RequestsPerSecond, botHelp.RequestsPerSecond);
        int toPrepare = Math.Clamp((int)(fastest * load.Span.TotalSeconds * 1.5), 1_000, 60_000);
        int available = await CreateIncidentsAsync(bot.BaseAddress, toAcknowledge + toPrepare, cancellationToken);
        LoadResult boltAck = await MeasureAsync(bolt.BaseAddress, sequence => $"ack INC-{toAcknowledge + sequence + 1}", cancellationToken);
        Starting(database, "/incident ack", bot);
        LoadResult botAck = await MeasureAsync(bot.BaseAddress, sequence => $"ack INC-{toAcknowledge + sequence + 1}", cancellationToken);
        int acknowledged = await CountAcknowledgedAsync(bot.BaseAddress, cancellationToken);

        Console.WriteLine($"{database}: /incident list  Bolt {boltList.Describe()}");
        Console.WriteLine($"{database}: /incident list  bot  {botList.Describe()}");
        Console.WriteLine($"{database}: /incident ack   Bolt {boltAck.Describe()}");
        Console.WriteLine($"{database}: /incident ack   bot  {botAck.Describe()}");
        Console.WriteLine($"{database}: /incident help  bot  {botHelp.Describe()}");
        Console.WriteLine($"{database}: GET /healthz    bot  {botHealth.Describe()}");
        Console.WriteLine($"{database}: incidents acknowledged by the run: {acknowledged} of {available - toAcknowledge} prepared");
        if (acknowledged >= available - toAcknowledge)
        {
            Console.WriteLine("WARNING: the run used up every prepared incident, so later acks answered \"not found\" without writing; the ack figure is too high.");
        }
        table.AppendLine(Row(database, "/incident list", boltList, botList));
        table.AppendLine(Row(database, "/incident ack", boltAck, botAck));
        table.AppendLine(Row(database, "floor: `/incident help` (no database)", boltList, botHelp));
        table.AppendLine(Row(database, "floor: `GET /healthz` (HTTP server alone)", boltList, botHealth));
    }

    /// <summary>Says which of the bot's phases starts now (warm-up first), so that a profiler can be attached for it.</summary>
    private static void Starting(string database, string command, ChildProcess bot) =>
        Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {database}: bot {command} starts (pid {bot.Id})");

    private async Task<LoadResult> MeasureAsync(Uri target, Func<long, string> text, CancellationToken cancellationToken)
    {
        var uri = new Uri("slack/commands", UriKind.Relative);
        (LoadResult result, _) = await load.RunAsync(target, sequence => Signed(uri, text(sequence), sequence), 1, 0, cancellationToken);
        return result;
    }

    /// <summary>
    /// A slash command as Slack sends it: form-encoded, signed with the signing secret over <c>v0:timestamp:body</c>, with a
    /// trigger id of its own (so two alike are two requests, not a replay the bot would answer without acting).
    /// </summary>
    public static HttpRequestMessage Signed(Uri uri, string text, long sequence)
    {
        string body = string.Join('&',
            $"token=benchToken&team_id=T0BENCH01&team_domain=bench&channel_id=C0BENCH01&channel_name=ops&user_id=U0BENCH01&user_name=dana",
            $"command=%2Fincident&text={Uri.EscapeDataString(text)}&api_app_id=A0BENCH01&is_enterprise_install=false",
            $"response_url=http%3A%2F%2F127.0.0.1%3A9%2Fresponse&trigger_id=1111.{sequence}.bench");
        string timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Servers.SigningSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded"); // as Slack sends it: no charset
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(mac));
        return request;
    }

    /// <summary>Opens incidents up to <paramref name="total"/> (one webhook per new group) and returns how many exist.</summary>
    private static async Task<int> CreateIncidentsAsync(Uri bot, int total, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = bot };
        int existing = await CountAsync(http, "", cancellationToken);
        var uri = new Uri("webhooks/alertmanager", UriKind.Relative);
        await Parallel.ForAsync(existing, total, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (group, token) =>
        {
            using var content = new StringContent(Payloads.Webhook("slash", group, 0, 1), Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await http.PostAsync(uri, content, token);
            response.EnsureSuccessStatusCode();
        });
        return await CountAsync(http, "", cancellationToken);
    }

    private static async Task<int> CountAcknowledgedAsync(Uri bot, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = bot };
        return await CountAsync(http, "status=acknowledged", cancellationToken);
    }

    private static async Task<int> CountAsync(HttpClient http, string query, CancellationToken cancellationToken)
    {
        using var page = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri($"api/incidents?pageSize=1&{query}", UriKind.Relative), cancellationToken));
        return page.RootElement.GetProperty("total").GetInt32();
    }

    private static string Row(string database, string command, LoadResult bolt, LoadResult bot) => string.Create(CultureInfo.InvariantCulture,
        $"| {database} | {command} | {bolt.RequestsPerSecond:0} ({bolt.P50:0.0} / {bolt.P99:0.0}) | {bot.RequestsPerSecond:0} ({bot.P50:0.0} / {bot.P99:0.0}) | {bot.RequestsPerSecond / bolt.RequestsPerSecond:0.00} |");
}
