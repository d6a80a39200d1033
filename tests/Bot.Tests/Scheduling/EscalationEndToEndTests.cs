using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Tests.Scheduling;

/// <summary>The "done when": a SEV1 from Alertmanager escalates until acknowledged; resolving it drafts and chases the postmortem.</summary>
public sealed class EscalationEndToEndTests
{
    private static readonly IncidentKey s_inc1 = new(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unacknowledged_SEV1_pages_each_step_at_its_time_until_the_Acknowledge_button_in_the_page_stops_it()
    {
        await using EscalationBot bot = await EscalationBot.StartAsync();
        DateTimeOffset opened = bot.Clock.GetUtcNow();

        await bot.Host.PostWebhookAsync(Payloads.Firing);
        Assert.Equal(opened, await bot.NextFireTimeAsync(DueTriggers.Escalation(s_inc1)));
        Assert.Equal(1, await bot.FireDueAsync());
        await bot.DrainAsync();

        RecordedCall page = Assert.Single(bot.Slack.DirectMessagesTo(EscalationBot.OnCallUser));
        AssertSentAt(opened, page);
        string blocks = page.Json!["blocks"]!.ToJsonString();
        Assert.Contains($"\"action_id\":\"{IncidentCardActions.AcknowledgeFromPage}\"", blocks, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"INC-1\"", blocks, StringComparison.Ordinal);
        Assert.Contains("SEV1", page.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        string channel = bot.ChannelOf("INC-1");
        Assert.Contains(bot.Slack.Workspace.Messages(channel), m => m.Text?.Contains($"<@{EscalationBot.OnCallUser}>", StringComparison.Ordinal) == true);
        Assert.Contains(EscalationBot.OnCallUser, bot.Slack.Workspace.Channel(channel)!.Members); // the on-call was invited
        Assert.Empty(bot.Slack.DirectMessagesTo(EscalationBot.Lead));

        Assert.Equal(opened.AddMinutes(5), await bot.NextFireTimeAsync(DueTriggers.Escalation(s_inc1)));
        bot.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, await bot.FireDueAsync());
        bot.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await bot.FireDueAsync());
        await bot.DrainAsync();

        RecordedCall second = Assert.Single(bot.Slack.DirectMessagesTo(EscalationBot.Lead));
        AssertSentAt(opened.AddMinutes(5), second);

        bot.Clock.Advance(TimeSpan.FromMinutes(2));
        JsonPress press = new(page.Json["channel"]!.GetValue<string>(), EscalationBot.Lead);
        HttpResponseMessage pressed = await bot.SendSignedAsync("/slack/interactions", press.Body);
        pressed.EnsureSuccessStatusCode();
        Assert.Null(await bot.NextFireTimeAsync(DueTriggers.Escalation(s_inc1)));

        bot.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await bot.FireDueAsync());
        await bot.DrainAsync();
        Assert.Single(bot.Slack.DirectMessagesTo(EscalationBot.Lead));
        Assert.Equal("Acknowledged", (await bot.Host.GetIncidentAsync("INC-1")).Incident.Status, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_resolved_incident_gets_its_postmortem_draft_file_then_reminders_at_24_and_48_hours_and_an_overdue_notice_at_72()
    {
        await using EscalationBot bot = await EscalationBot.StartAsync();
        await bot.Host.PostWebhookAsync(Payloads.Firing);
        await bot.FireDueAsync();
        await bot.DrainAsync();
        string channel = bot.ChannelOf("INC-1");
        bot.Clock.Advance(TimeSpan.FromMinutes(30));

        string command = SignedSlackRequest.Form(("command", "/incident"), ("text", "resolve INC-1 rolled back"), ("user_id", EscalationBot.Resolver),
            ("channel_id", channel), ("response_url", RecordingResponseUrls.Url), ("team_id", "T0INCBOT1"));
        HttpResponseMessage warned = await bot.SendSignedAsync("/slack/commands", command);
        warned.EnsureSuccessStatusCode();
        JsonObject confirm = await InteractionPayloads.ConfirmResolveAsync(warned, EscalationBot.Resolver, channel, RecordingResponseUrls.Url);
        (await bot.SendSignedAsync("/slack/interactions", SignedSlackRequest.Form(("payload", confirm.ToJsonString())))).EnsureSuccessStatusCode();
        DateTimeOffset resolvedAt = bot.Clock.GetUtcNow();
        await bot.DrainAsync();

        RecordedCall upload = Assert.Single(bot.Slack.CallsTo("files.completeUploadExternal"));
        Assert.Equal(channel, upload.Json?["channel_id"]?.GetValue<string>());
        string fileId = upload.Json!["files"]![0]!["id"]!.GetValue<string>();
        string draft = Encoding.UTF8.GetString(bot.Slack.Workspace.File(fileId)!.Content!);
        Assert.StartsWith("# Postmortem: INC-1 · ", draft, StringComparison.Ordinal);
        Assert.Contains("Resolved: rolled back", draft, StringComparison.Ordinal);
        Assert.Equal(draft, await bot.Host.CreateClient().GetStringAsync("/api/incidents/INC-1/postmortem", Ct));

        foreach (int hours in new[] { 24, 48 })
        {
            Assert.Equal(resolvedAt.AddHours(hours), await bot.NextFireTimeAsync(DueTriggers.Reminder(s_inc1)));
            bot.Clock.Advance(resolvedAt.AddHours(hours) - bot.Clock.GetUtcNow());
            Assert.Equal(1, await bot.FireDueAsync());
            await bot.DrainAsync();
            RecordedCall reminder = bot.Slack.DirectMessagesTo(EscalationBot.Resolver)[^1];
            AssertSentAt(resolvedAt.AddHours(hours), reminder);
            Assert.Contains($"({hours} h since it was resolved)", reminder.Json?["text"]?.GetValue<string>(), StringComparison.Ordinal);
        }
        Assert.Equal(2, bot.Slack.DirectMessagesTo(EscalationBot.Resolver).Count);
        Assert.Single(bot.Slack.CallsTo("conversations.open"), call => call.Json?["users"]?.GetValue<string>() == EscalationBot.Resolver); // opened once, then reused

        bot.Clock.Advance(resolvedAt.AddHours(72) - bot.Clock.GetUtcNow());
        Assert.Equal(1, await bot.FireDueAsync());
        await bot.DrainAsync();
        StandInMessage overdue = bot.Slack.Workspace.Messages(bot.IncidentsChannel)[^1];
        Assert.Contains("The postmortem of INC-1 is overdue", overdue.Text, StringComparison.Ordinal);
        Assert.Null(await bot.NextFireTimeAsync(DueTriggers.Reminder(s_inc1)));
    }

    [Fact]
    public async Task Marking_the_postmortem_done_from_Slack_stops_its_reminders()
    {
        await using EscalationBot bot = await EscalationBot.StartAsync();
        await bot.Host.PostWebhookAsync(Payloads.Firing);
        await bot.Host.CreateClient().PostAsJsonAsync("/api/incidents/INC-1/resolve", new { by = "alice" }, Ct);
        Assert.NotNull(await bot.NextFireTimeAsync(DueTriggers.Reminder(s_inc1)));

        string command = SignedSlackRequest.Form(("command", "/incident"), ("text", "postmortem INC-1 done <https://wiki.example/pm/inc-1>"),
            ("user_id", EscalationBot.Resolver), ("response_url", RecordingResponseUrls.Url), ("team_id", "T0INCBOT1"));
        string reply = await SlackBot.ReplyTextAsync(await bot.SendSignedAsync("/slack/commands", command));

        Assert.Equal("📘 The postmortem of *INC-1* is done; its reminders stop.", reply);
        Assert.Null(await bot.NextFireTimeAsync(DueTriggers.Reminder(s_inc1)));
        bot.Clock.Advance(TimeSpan.FromDays(4));
        Assert.Equal(0, await bot.FireDueAsync());
    }

    /// <summary>Sent when due, give or take Slack's one-message-per-second pacing on the stepping clock.</summary>
    private static void AssertSentAt(DateTimeOffset due, RecordedCall call) => Assert.InRange(call.At, due, due.AddSeconds(5));

    /// <summary>The Acknowledge button of a page, pressed in the direct-message conversation.</summary>
    private sealed record JsonPress(string Channel, string User)
    {
        public string Body => SignedSlackRequest.Form(("payload",
            InteractionPayloads.ButtonPress(IncidentCardActions.AcknowledgeFromPage, "INC-1", User, Channel, RecordingResponseUrls.Url).ToJsonString()));
    }
}
