using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Tests.Scheduling;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Security;

/// <summary>
/// Issue 15, finding 6: the commander was not escaped in the channel topic. API <c>commander</c> =
/// <c>X&gt; &lt;!channel&gt; &lt;https://evil.example|y</c> gave the topic <c>commander &lt;@X&gt; &lt;!channel&gt; &lt;https://evil.example|y&gt;</c>.
/// Every text a person or an alert supplies must reach Slack through the one escaping path.
/// </summary>
public sealed class SlackEscapingTests
{
    private const string IssueCommander = "X> <!channel> <https://evil.example|y";

    /// <summary>What must never appear where Slack renders mrkdwn: a ping, a mention of someone, a link anywhere, a channel.</summary>
    private static readonly string[] s_forbidden = ["<!channel", "<!here", "<!everyone", "<!subteam", "<https://evil", "<mailto:", "<@X>", "<@U0BOSS", "<#C0SECRET"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Corpus() =>
    [
        IssueCommander,
        "<!here> and <!everyone> and <!subteam^S0ADMINS|@admins>",
        "<@U0BOSS> approved it, see <#C0SECRET|secret>",
        "<https://evil.example/login|Reset your password> or <mailto:ceo@evil.example|mail the CEO>",
        "&lt;!channel&gt; &amp;lt;!here&amp;gt; &#60;!everyone&#62;",
        "*bold* _it_ ~gone~ `code` ```fence``` > quote\n# heading\n<!channel>",
        string.Concat(Enumerable.Repeat("<!here>", 700)),
    ];

    [Fact]
    public async Task The_commander_the_issue_quotes_is_escaped_in_the_channel_topic()
    {
        await using EscalationBot bot = await EscalationBot.StartAsync();

        await bot.Host.CreateClient().PostAsJsonAsync("/api/incidents", new { title = "Checkout is down", commander = IssueCommander }, Ct);
        await bot.DrainAsync();

        Assert.Equal(
            "SEV3 · Triggered · no service · commander X&gt; &lt;!channel&gt; &lt;https://evil.example|y",
            bot.Slack.Workspace.Channel(bot.ChannelOf("INC-1"))!.Topic);
    }

    /// <summary>
    /// The injection in every field people and alerts fill (title, description, service, commander, the API's "by", alert labels,
    /// annotations and receiver, notes, follow-ups, resolution notes), then every message kind the bot sends: channel name and
    /// topic, card and its edits, announcement, timeline lines, escalation pages, postmortem file comment and reminders, the
    /// answers to <c>/incident show</c> and <c>/incident list</c>, the warning <c>/incident resolve</c> gives while alerts fire
    /// with the answers to its Resolve button (pressed by someone else, then by its typist), and the card's resolve form.
    /// </summary>
    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Every_field_of_every_message_kind_carries_the_injection_as_literal_text(string injection)
    {
        await using EscalationBot bot = await EscalationBot.StartAsync(new Dictionary<string, string?> { ["Slack:DefaultResponders:0"] = EscalationBot.Resolver });
        HttpClient http = bot.Host.CreateClient();
        HttpResponseMessage declared = await http.PostAsJsonAsync("/api/incidents", new
        {
            title = Fit(injection, 200),
            severity = "SEV1",
            service = Fit(injection, 100),
            description = Fit(injection, 3000),
            commander = Fit(injection, 100),
            by = Fit(injection, 100),
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/webhooks/alertmanager", JsonContent.Create(Webhook(injection)), Ct)).StatusCode);
        await FireAndDrainAsync(bot);

        List<string> replies = [];
        string note = Fit(injection, 3000);
        string resolveNote = Fit(injection, 1000); // what the warning's Resolve button can carry
        foreach (string command in new[] { $"note INC-1 {note}", $"followup INC-1 \"{note}\"", $"resolve INC-2 {resolveNote}", "show INC-1", "show INC-2", "list all" })
        {
            HttpResponseMessage answer = await CommandAsync(bot, command);
            replies.AddRange(RenderedText.Of(JsonNode.Parse(await answer.Content.ReadAsStringAsync(Ct))));
            if (command.StartsWith("resolve", StringComparison.Ordinal)) // alerts still fire: the warning, pressed by someone else, then its typist
            {
                foreach (string user in new[] { EscalationBot.Lead, EscalationBot.Resolver })
                {
                    JsonObject press = await InteractionPayloads.ConfirmResolveAsync(answer, user, bot.IncidentsChannel);
                    Assert.Equal(HttpStatusCode.OK, (await bot.SendSignedAsync("/slack/interactions", SignedSlackRequest.Form(("payload", press.ToJsonString())))).StatusCode);
                }
                await bot.DrainAsync();
                Assert.Equal("Resolved", (await bot.Host.GetIncidentAsync("INC-2")).Incident.Status, StringComparer.OrdinalIgnoreCase);
            }
        }
        JsonObject resolveForm = InteractionPayloads.ButtonPress(
            IncidentCardActions.Resolve, "INC-1", EscalationBot.Resolver, bot.IncidentsChannel, triggerId: bot.Slack.Workspace.IssueTriggerId());
        Assert.Equal(HttpStatusCode.OK, (await bot.SendSignedAsync("/slack/interactions", SignedSlackRequest.Form(("payload", resolveForm.ToJsonString())))).StatusCode);
        await bot.Host.Services.GetRequiredService<SlackBackgroundWork>().WhenIdleAsync(Ct);
        Assert.Single(bot.Slack.CallsTo("views.open")); // the card's resolve form, with the declared incident's title
        await FireAndDrainAsync(bot);
        bot.Clock.Advance(TimeSpan.FromHours(73)); // postmortem reminders and the overdue notice
        await FireAndDrainAsync(bot);

        Assert.NotEmpty(bot.Slack.DirectMessagesTo(EscalationBot.OnCallUser)); // the pages went out
        Assert.Contains(bot.Slack.Calls, call => call.Method == "files.completeUploadExternal");
        string[] rendered = [.. bot.Slack.Calls.SelectMany(call => RenderedText.Of(call.Json).Concat(call.Form?.Values ?? [])).Concat(replies)];
        Assert.Contains(rendered, text => text.Contains(Mrkdwn.Escape(injection[..12]), StringComparison.Ordinal)); // it did reach Slack
        string[] smuggled = [.. rendered.SelectMany(text => text.Split('\n'))
            .SelectMany(line => Forbidden(line).Where(f => line.Contains(f, StringComparison.Ordinal)).Select(f => $"{f} in \"{line}\""))];
        Assert.True(smuggled.Length == 0, string.Join("\n", smuggled));
    }

    /// <summary>
    /// Issue 17, item 14: a note a responder typed in Slack keeps the people it mentions live (they could have pinged them
    /// anyway), while a broadcast ping and a link with a label of its own stay text.
    /// </summary>
    [Theory]
    [InlineData("<@U0BOSS|boss> please look at the DB", "📝 <@U0CAROL01>: <@U0BOSS> please look at the DB")]
    [InlineData("<!channel> wake up, ask <@U0BOSS>", "📝 <@U0CAROL01>: @channel wake up, ask <@U0BOSS>")]
    [InlineData("&lt;!here&gt; see <https://evil.example/login|the runbook> <!subteam^S0ALL|@all>",
        "📝 <@U0CAROL01>: &lt;!here&gt; see the runbook (https://evil.example/login) @all")]
    public async Task A_note_typed_in_Slack_keeps_its_user_mentions_live_and_nothing_else(string typed, string posted)
    {
        await using EscalationBot bot = await EscalationBot.StartAsync();
        await bot.Host.CreateClient().PostAsJsonAsync("/api/incidents", new { title = "Checkout is down" }, Ct);
        await bot.DrainAsync();

        await CommandAsync(bot, $"note INC-1 {typed}");
        await bot.DrainAsync();

        Assert.Equal(posted, NoteLine(bot));
    }

    /// <summary>What may not appear in a line: a note the resolver typed in Slack (its line in the channel, in <c>/incident show</c>) may mention people.</summary>
    private static IEnumerable<string> Forbidden(string line) =>
        line.StartsWith($"📝 <@{EscalationBot.Resolver}>: ", StringComparison.Ordinal) || line.EndsWith($" — <@{EscalationBot.Resolver}>", StringComparison.Ordinal)
            ? s_forbidden.Where(f => f != "<@U0BOSS")
            : s_forbidden;

    private static string NoteLine(EscalationBot bot) => Assert.Single(
        bot.Slack.Calls.Where(call => call.Method == "chat.postMessage").Select(call => call.Json!["text"]?.GetValue<string>() ?? ""),
        text => text.StartsWith("📝 ", StringComparison.Ordinal));

    private static async Task FireAndDrainAsync(EscalationBot bot)
    {
        await bot.FireDueAsync();
        await bot.DrainAsync();
    }

    private static async Task<HttpResponseMessage> CommandAsync(EscalationBot bot, string text)
    {
        HttpResponseMessage response = await bot.SendSignedAsync("/slack/commands", SignedSlackRequest.Form(
            ("command", "/incident"), ("text", text), ("user_id", EscalationBot.Resolver), ("user_name", "carol"),
            ("channel_id", bot.IncidentsChannel), ("team_id", "T0INCBOT1"), ("trigger_id", "1.2.3")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        bot.Clock.Advance(TimeSpan.FromSeconds(1)); // each command its own signature
        return response;
    }

    private static string Fit(string text, int limit) => text.Length <= limit ? text : text[..limit];

    private static JsonObject Webhook(string injection)
    {
        JsonObject Labels() => new()
        {
            ["alertname"] = "CheckoutDown",
            ["severity"] = "critical",
            ["service"] = injection,
            ["namespace"] = injection,
            ["pod"] = injection,
            ["deployment"] = injection,
            [injection] = injection,
        };
        return new JsonObject
        {
            ["version"] = "4",
            ["groupKey"] = "{}:{alertname=\"CheckoutDown\"}" + injection,
            ["status"] = "firing",
            ["receiver"] = injection,
            ["commonLabels"] = Labels(),
            ["alerts"] = new JsonArray(new JsonObject
            {
                ["status"] = "firing",
                ["labels"] = Labels(),
                ["annotations"] = new JsonObject { ["summary"] = injection, ["description"] = injection, [injection] = injection },
                ["startsAt"] = "2026-03-02T09:14:00Z",
                ["endsAt"] = "0001-01-01T00:00:00Z",
                ["fingerprint"] = "00000000000000aa",
            }),
        };
    }
}
