using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Delivery;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Faults;

/// <summary>
/// Every file under Faults/BadInput, and generated cases too big to check in, sent to a running bot: each is answered with the
/// expected status, stores nothing (or, when handled, exactly what it should), never makes Slack ping anyone, and the bot
/// serves a good request right after.
/// </summary>
public sealed class BadInputCorpusTests(PostgresServer postgres)
{
    private const string Corpus = "Faults/BadInput";
    private const int MaxWebhookBytes = 1024 * 1024;

    /// <summary>
    /// What a case sends; <see cref="Stored"/> is what a handled webhook adds (incidents, alerts), <see cref="Notes"/> the
    /// timeline entries a handled Slack request adds; a refusal adds nothing.
    /// </summary>
    private sealed record BadInput(
        Func<CorpusBot, Task<HttpResponseMessage>> Send, HttpStatusCode Status, (int Incidents, int Alerts) Stored = default, int Notes = 0);

    private sealed record CorpusBot(BotHost Host, SteppingClock Clock, SlackStandIn Slack, string IncidentsChannel);

    private static readonly Dictionary<string, BadInput> s_cases = new()
    {
        ["webhook/malformed.json"] = Webhook(File("webhook/malformed.json"), HttpStatusCode.BadRequest),
        ["webhook/truncated.json"] = Webhook(File("webhook/truncated.json"), HttpStatusCode.BadRequest),
        ["webhook/empty-object.json"] = Webhook(File("webhook/empty-object.json"), HttpStatusCode.BadRequest),
        ["webhook/alerts-not-an-array.json"] = Webhook(File("webhook/alerts-not-an-array.json"), HttpStatusCode.BadRequest),
        ["webhook/label-value-a-number.json"] = Webhook(File("webhook/label-value-a-number.json"), HttpStatusCode.BadRequest),
        ["webhook/version-a-number.json"] = Webhook(File("webhook/version-a-number.json"), HttpStatusCode.BadRequest),
        ["webhook/fingerprint-an-object.json"] = Webhook(File("webhook/fingerprint-an-object.json"), HttpStatusCode.BadRequest),
        ["webhook/fingerprint-too-long.json"] = Webhook(File("webhook/fingerprint-too-long.json"), HttpStatusCode.BadRequest),
        ["webhook/second-alert-broken.json"] = Webhook(File("webhook/second-alert-broken.json"), HttpStatusCode.BadRequest),
        ["webhook/lone-surrogate.json"] = Webhook(File("webhook/lone-surrogate.json"), HttpStatusCode.BadRequest),
        ["webhook/duplicate-fingerprint.json"] = Webhook(File("webhook/duplicate-fingerprint.json"), HttpStatusCode.OK, (1, 1)),
        ["webhook/control-characters.json"] = Webhook(File("webhook/control-characters.json"), HttpStatusCode.OK, (1, 1)),
        ["webhook/mrkdwn-and-html-injection.json"] = Webhook(File("webhook/mrkdwn-and-html-injection.json"), HttpStatusCode.OK, (1, 2)),
        ["generated: 10 000 alerts in one payload"] = Webhook(() => ManyAlerts(10_000), HttpStatusCode.RequestEntityTooLarge),
        ["generated: as many alerts as fit in 1 MiB"] = Webhook(() => ManyAlerts(4_000), HttpStatusCode.OK, (1, 4_000)),
        ["generated: a label value of 1 MiB"] = Webhook(() => LongLabel(MaxWebhookBytes), HttpStatusCode.RequestEntityTooLarge),
        ["generated: a label value and a summary of 256 KiB each"] = Webhook(() => LongLabel(256 * 1024), HttpStatusCode.OK, (1, 1)),
        ["generated: JSON nested deeper than any parser allows"] = Webhook(
            () => Encoding.UTF8.GetBytes(new string('[', 5_000) + new string(']', 5_000)), HttpStatusCode.BadRequest),
        ["generated: bytes that are not UTF-8"] = Webhook(
            () => [.. Encoding.UTF8.GetBytes("{\"version\":\"4\",\"groupKey\":\""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")],
            HttpStatusCode.BadRequest),
        ["slack/unknown-interaction-type.json"] = Interaction("slack/unknown-interaction-type.json", HttpStatusCode.OK),
        ["slack/unknown-action-id.json"] = Interaction("slack/unknown-action-id.json", HttpStatusCode.OK),
        ["slack/view-submission-unknown-callback.json"] = Interaction("slack/view-submission-unknown-callback.json", HttpStatusCode.OK),
        ["slack/interaction-fields-wrong-types.json"] = Interaction("slack/interaction-fields-wrong-types.json", HttpStatusCode.BadRequest),
        ["slack/command-unknown-subcommand.txt"] = Command(_ => Text("slack/command-unknown-subcommand.txt"), HttpStatusCode.OK),
        ["slack/command-control-characters.txt"] = Command(_ => Text("slack/command-control-characters.txt"), HttpStatusCode.OK, notes: 1),
        ["generated: a command note of 60 000 characters"] = Command(_ => "note INC-1 " + new string('n', 60_000), HttpStatusCode.OK), // over the 3 000 limit: refused
        ["generated: a command body over 64 KiB"] = Command(_ => "note INC-1 " + new string('n', 70_000), HttpStatusCode.RequestEntityTooLarge),
        ["generated: a command signed with another secret"] = new(bot => SignedCommandAsync(bot, "resolve INC-1 forged", secret: "not-the-signing-secret"), HttpStatusCode.Unauthorized),
        ["generated: a command replayed ten minutes later"] = new(bot => SignedCommandAsync(bot, "resolve INC-1 replayed", signedAt: bot.Clock.GetUtcNow().AddMinutes(-10)), HttpStatusCode.Unauthorized),
        ["generated: a command with its signature cut short"] = new(bot => SignedCommandAsync(bot, "resolve INC-1 cut", cutSignature: true), HttpStatusCode.Unauthorized),
    };

    public static TheoryData<string, DatabaseProvider> Cases()
    {
        var data = new TheoryData<string, DatabaseProvider>();
        foreach (string name in s_cases.Keys)
        {
            data.Add(name, DatabaseProvider.Sqlite);
            data.Add(name, DatabaseProvider.Postgres);
        }
        return data;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_file_in_the_corpus_has_an_expected_answer()
    {
        string root = Path.Combine(AppContext.BaseDirectory, Corpus);
        string[] files = [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.True(s_cases.ContainsKey(file), $"{file} has no expected answer in the table"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_answered_clearly_stores_nothing_half_way_and_the_bot_keeps_serving(string name, DatabaseProvider provider)
    {
        BadInput input = s_cases[name];
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        slack.Workspace.AddUser(ManualDelivery.Responder, "alice", "Alice Example");
        slack.Workspace.AddUser(SlackBot.UserId, SlackBot.UserName, "Dana Example");
        string incidents = slack.Workspace.AddChannel("incidents");
        Dictionary<string, string?> settings = await FaultDatabase.SettingsAsync(provider, postgres, Ct, ManualDelivery.SlackSettings(slack, incidents));
        await using BotHost host = ManualDelivery.Bot(settings, clock);
        var bot = new CorpusBot(host, clock, slack, incidents);
        Assert.Equal(HttpStatusCode.OK, (await host.PostWebhookAsync(AlertBurst.Webhook(1, 1))).StatusCode); // INC-1, for the commands
        StoredRows before = await StoredRows.ReadAsync(host.Services, Ct);

        HttpResponseMessage answer = await input.Send(bot);
        string body = await answer.Content.ReadAsStringAsync(Ct);
        StoredRows after = await StoredRows.ReadAsync(host.Services, Ct);
        await ManualDelivery.DrainAsync(host, clock);
        HttpResponseMessage good = await host.PostWebhookAsync(AlertBurst.Webhook(2, 1));

        Assert.True(input.Status == answer.StatusCode, $"{name}: expected {(int)input.Status}, got {(int)answer.StatusCode}: {body}");
        if ((int)answer.StatusCode >= 400 && answer.StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.False(string.IsNullOrWhiteSpace(JsonNode.Parse(body)?["detail"]?.GetValue<string>()), $"{name}: the problem says nothing: {body}");
        }
        if (input.Stored == default)
        {
            Assert.Equal(before with { TimelineEntries = before.TimelineEntries + input.Notes, Undelivered = 0 }, after with { Undelivered = 0 });
        }
        else
        {
            Assert.Equal((before.Incidents + input.Stored.Incidents, before.Alerts + input.Stored.Alerts), (after.Incidents, after.Alerts));
        }
        string[] mentions = [.. slack.Calls.SelectMany(Mentions)];
        Assert.True(mentions.Length == 0, string.Join("\n", mentions)); // nothing a bad input carried pings anyone or links anywhere
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(after.Incidents + 1, (await StoredRows.ReadAsync(host.Services, Ct)).Incidents);
    }

    /// <summary>
    /// Slack special mentions, user mentions and links in what the bot sent Slack where Slack would render them: every string
    /// but those of <c>plain_text</c> objects, which Slack shows literally.
    /// </summary>
    private static IEnumerable<string> Mentions(RecordedCall call)
    {
        string[] forbidden = ["<!channel", "<!here", "<!everyone", "<!subteam", "<@U0ADMIN01>", "<http://evil", "<#C0GENERAL>"];
        return RenderedText.Of(call.Json).SelectMany(text => forbidden
            .Where(f => text.Contains(f, StringComparison.Ordinal))
            .Select(f => $"{call.Method} sent {f} in \"{text}\""));
    }

    private static Func<byte[]> File(string path) => () => System.IO.File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, Corpus, path));

    private static string Text(string path) => System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, Corpus, path)).TrimEnd('\n');

    private static BadInput Webhook(Func<byte[]> body, HttpStatusCode status, (int Incidents, int Alerts) stored = default) => new(async bot =>
    {
        using var content = new ByteArrayContent(body());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return await bot.Host.CreateClient().PostAsync(new Uri("/webhooks/alertmanager", UriKind.Relative), content, Ct);
    }, status, stored);

    private static BadInput Interaction(string path, HttpStatusCode status) => new(async bot =>
    {
        using HttpRequestMessage request = SignedSlackRequest.Create(
            "/slack/interactions", SignedSlackRequest.Form(("payload", Text(path))), bot.Clock.GetUtcNow());
        return await bot.Host.CreateClient().SendAsync(request, Ct);
    }, status);

    private static BadInput Command(Func<CorpusBot, string> text, HttpStatusCode status, int notes = 0) =>
        new(bot => SignedCommandAsync(bot, text(bot)), status, Notes: notes);

    private static async Task<HttpResponseMessage> SignedCommandAsync(
        CorpusBot bot, string text, string secret = SignedSlackRequest.Secret, DateTimeOffset? signedAt = null, bool cutSignature = false)
    {
        string body = SignedSlackRequest.Form(
            ("command", "/incident"), ("text", text), ("user_id", SlackBot.UserId), ("user_name", SlackBot.UserName),
            ("channel_id", bot.IncidentsChannel), ("team_id", "T0INCBOT1"), ("trigger_id", "1.2.3"));
        using HttpRequestMessage request = SignedSlackRequest.Create("/slack/commands", body, signedAt ?? bot.Clock.GetUtcNow(), secret);
        if (cutSignature)
        {
            string signature = request.Headers.GetValues("X-Slack-Signature").Single();
            request.Headers.Remove("X-Slack-Signature");
            request.Headers.Add("X-Slack-Signature", signature[..^8]);
        }
        return await bot.Host.CreateClient().SendAsync(request, Ct);
    }

    /// <summary>One group of <paramref name="count"/> small alerts: 10 000 are over the 1 MiB limit, 4 000 are under it.</summary>
    private static byte[] ManyAlerts(int count)
    {
        var alerts = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            alerts.Append(i == 0 ? "" : ",").Append(
                CultureInfo.InvariantCulture,
                $$"""{"status":"firing","labels":{"alertname":"Flood","i":"{{i}}"},"annotations":{},"startsAt":"2026-03-02T09:14:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"{{i:x16}}"}""");
        }
        return Encoding.UTF8.GetBytes(
            $$"""{"version":"4","groupKey":"{}:{alertname=\"Flood\"}","status":"firing","receiver":"bot","truncatedAlerts":0,"alerts":[{{alerts}}]}""");
    }

    /// <summary>One alert whose <c>pod</c> label and summary are each <paramref name="length"/> characters long.</summary>
    private static byte[] LongLabel(int length)
    {
        string value = new('v', length);
        return Encoding.UTF8.GetBytes($$"""
            {"version":"4","groupKey":"{}:{alertname=\"Long\"}","status":"firing","receiver":"bot","truncatedAlerts":0,
             "alerts":[{"status":"firing","labels":{"alertname":"Long","pod":"{{value}}"},"annotations":{"summary":"{{value}}"},
                        "startsAt":"2026-03-02T09:14:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"00000000000000aa"}]}
            """);
    }
}
