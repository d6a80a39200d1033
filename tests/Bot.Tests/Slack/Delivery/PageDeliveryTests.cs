using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Delivery;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Scheduling;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

/// <summary>Escalation pages go out on their own lane: not behind the incident's channel, one message per person.</summary>
public sealed class PageDeliveryTests
{
    private const string FirstStepSlackGroup = "Escalation:Policies:0:Steps:0:SlackGroups:0";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_goes_out_while_Slack_refuses_to_create_the_incident_channel()
    {
        await using EscalationBot bot = await EscalationBot.StartAsync();
        bot.Slack.InjectFault(SlackFault.Error("restricted_action"), method: "conversations.create");
        await OpenAndEscalateAsync(bot);

        RecordedCall page = Assert.Single(bot.Slack.DirectMessagesTo(EscalationBot.OnCallUser));
        Assert.StartsWith("🚨 You are paged for INC-1 (SEV1)", page.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("*Channel*", page.Json["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(bot.Slack.CallsTo("conversations.create")); // refused, put off by the incident's delivery

        bot.Clock.Advance(TimeSpan.FromSeconds(10));
        await bot.DrainAsync();
        string channel = bot.ChannelOf("INC-1");
        Assert.Contains(bot.Slack.Workspace.Messages(channel), m => m.Text?.StartsWith($"🚨 Paging <@{EscalationBot.OnCallUser}>", StringComparison.Ordinal) == true);
        Assert.Single(bot.Slack.DirectMessagesTo(EscalationBot.OnCallUser));
    }

    [Fact]
    public async Task Pages_due_together_reach_a_person_as_one_message_with_an_Acknowledge_button_per_incident()
    {
        await using EscalationBot bot = await EscalationBot.StartAsync();
        foreach (string title in new[] { "Checkout is down", "Payments time out", "Search is empty" })
        {
            await DeclareSev1Async(bot, title);
        }
        Assert.Equal(3, await bot.FireDueAsync());
        await bot.DrainAsync();

        RecordedCall page = Assert.Single(bot.Slack.DirectMessagesTo(EscalationBot.OnCallUser));
        Assert.Equal("🚨 You are paged for 3 incidents: INC-1 (SEV1), INC-2 (SEV1), INC-3 (SEV1)", page.Json!["text"]!.GetValue<string>());
        IEnumerable<string?> buttons = page.Json["blocks"]!.AsArray()
            .Select(block => block?["accessory"])
            .Where(accessory => accessory?["action_id"]?.GetValue<string>() == IncidentCardActions.Acknowledge)
            .Select(accessory => accessory!["value"]?.GetValue<string>());
        Assert.Equal(["INC-1", "INC-2", "INC-3"], buttons);
        Assert.Equal([PageOutcome.Sent, PageOutcome.Sent, PageOutcome.Sent], (await PagesAsync(bot)).Select(p => p.Outcome));
    }

    [Fact]
    public async Task Acknowledging_one_incident_of_a_message_of_several_pages_takes_only_its_button_out()
    {
        await using EscalationBot bot = await EscalationBot.StartAsync();
        foreach (string title in new[] { "Checkout is down", "Payments time out", "Search is empty" })
        {
            await DeclareSev1Async(bot, title);
        }
        await bot.FireDueAsync();
        await bot.DrainAsync();
        StandInMessage page = PageTo(bot, EscalationBot.OnCallUser);

        (await bot.Host.CreateClient().PostAsJsonAsync("/api/incidents/INC-2/ack", new { by = "alice" }, Ct)).EnsureSuccessStatusCode();
        await bot.DrainAsync();

        JsonArray blocks = Assert.Single(EditsOf(bot, page)).Json!["blocks"]!.AsArray();
        Assert.Equal(["INC-1", "INC-3"], blocks.Select(block => block?["accessory"]?["value"]?.GetValue<string>()).OfType<string>());
        string acknowledged = blocks[2]!["text"]!["text"]!.GetValue<string>();
        Assert.StartsWith("👀 *INC-2* (SEV1): Payments time out", acknowledged, StringComparison.Ordinal);
        Assert.Contains("\nacknowledged by anonymous (on behalf of alice, unverified) at <!date^", acknowledged, StringComparison.Ordinal);
        Assert.Equal([false, true, false], (await PagesAsync(bot)).Select(p => p.MessageClosedAt is not null));
    }

    [Fact]
    public async Task Pages_due_within_a_second_of_the_last_message_to_a_person_wait_for_it_and_leave_together()
    {
        await using EscalationBot bot = await EscalationBot.StartAsync();
        await DeclareSev1Async(bot, "Checkout is down");
        await bot.FireDueAsync();
        await SendPagesAsync(bot); // the page lane alone: the incidents' delivery would move the stepping clock on by Slack's pacing
        DateTimeOffset first = Assert.Single(bot.Slack.DirectMessagesTo(EscalationBot.OnCallUser)).At;

        await DeclareSev1Async(bot, "Payments time out");
        await DeclareSev1Async(bot, "Search is empty");
        Assert.Equal(2, await bot.FireDueAsync());
        await SendPagesAsync(bot);
        Assert.Single(bot.Slack.DirectMessagesTo(EscalationBot.OnCallUser));

        bot.Clock.Advance(TimeSpan.FromSeconds(1));
        await SendPagesAsync(bot);

        RecordedCall second = bot.Slack.DirectMessagesTo(EscalationBot.OnCallUser)[^1];
        Assert.Equal("🚨 You are paged for 2 incidents: INC-2 (SEV1), INC-3 (SEV1)", second.Json!["text"]!.GetValue<string>());
        Assert.InRange(second.At - first, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Of_pages_due_at_once_the_person_paged_for_the_most_severe_incident_is_messaged_first()
    {
        await using EscalationBot bot = await EscalationBot.StartAsync(new Dictionary<string, string?>
        {
            ["Escalation:Policies:1:Name"] = "sev4",
            ["Escalation:Policies:1:Severities:0"] = "SEV4",
            ["Escalation:Policies:1:Steps:0:Users:0"] = EscalationBot.Resolver,
            ["Escalation:Policies:1:Steps:0:WaitMinutes"] = "5",
        });
        (await bot.Host.CreateClient().PostAsJsonAsync("/api/incidents", new { title = "Disk filling", severity = "SEV4" }, Ct)).EnsureSuccessStatusCode();
        await DeclareSev1Async(bot, "Checkout is down");
        Assert.Equal(2, await bot.FireDueAsync());

        await SendPagesAsync(bot);

        List<RecordedCall> calls = [.. bot.Slack.Calls];
        int severe = calls.IndexOf(Assert.Single(bot.Slack.DirectMessagesTo(EscalationBot.OnCallUser)));
        int minor = calls.IndexOf(Assert.Single(bot.Slack.DirectMessagesTo(EscalationBot.Resolver)));
        Assert.True(severe < minor, $"the SEV1 page left at call {severe}, after the SEV4 page at call {minor}");
    }

    [Fact]
    public async Task A_page_of_an_incident_acknowledged_before_it_left_is_not_sent_and_says_why()
    {
        await using EscalationBot bot = await EscalationBot.StartAsync();
        await bot.Host.PostWebhookAsync(Payloads.Firing);
        await bot.FireDueAsync();
        (await bot.Host.CreateClient().PostAsJsonAsync("/api/incidents/INC-1/ack", new { by = "carol" }, Ct)).EnsureSuccessStatusCode();

        await bot.DrainAsync();

        Assert.Empty(bot.Slack.DirectMessagesTo(EscalationBot.OnCallUser));
        Page page = Assert.Single(await PagesAsync(bot));
        Assert.Equal((EscalationBot.OnCallUser, PageOutcome.NotNeeded), (page.Recipient, page.Outcome));
    }

    [Fact]
    public async Task A_page_to_a_person_Slack_refuses_to_message_is_recorded_as_refused_told_in_the_incident_channel_and_not_retried()
    {
        await using EscalationBot bot = await EscalationBot.StartAsync();
        bot.Slack.InjectFault(SlackFault.Error("user_not_found"), method: "conversations.open");
        await OpenAndEscalateAsync(bot);
        bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await bot.DrainAsync();

        Assert.Empty(bot.Slack.DirectMessagesTo(EscalationBot.OnCallUser));
        Assert.Single(bot.Slack.CallsTo("conversations.open"));
        Page page = Assert.Single(await PagesAsync(bot));
        Assert.Equal((EscalationBot.OnCallUser, PageOutcome.Refused), (page.Recipient, page.Outcome));
        string refusal = $"Could not page {EscalationBot.OnCallUser}: Slack refused (conversations.open: user_not_found)";
        Assert.Contains((await bot.Host.GetIncidentAsync("INC-1")).Timeline, e => e.Kind == "PageRefused" && e.Text.StartsWith(refusal, StringComparison.Ordinal));
        Assert.Contains(bot.Slack.Workspace.Messages(bot.ChannelOf("INC-1")), m => m.Text?.StartsWith($"⚠️ {refusal}", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_step_naming_a_Slack_user_group_pages_each_of_its_members()
    {
        const string First = "U0GROUP01", Second = "U0GROUP02";
        await using EscalationBot bot = await EscalationBot.StartAsync(new Dictionary<string, string?> { [FirstStepSlackGroup] = "@sre-oncall" });
        foreach (string member in new[] { First, Second })
        {
            bot.Slack.Workspace.AddUser(member, member.ToLowerInvariant(), member);
        }
        bot.Slack.Workspace.AddUserGroup("sre-oncall", First, Second);

        await OpenAndEscalateAsync(bot);

        Assert.All(new[] { EscalationBot.OnCallUser, First, Second }, person =>
            Assert.StartsWith("🚨 You are paged for INC-1 (SEV1)", Assert.Single(bot.Slack.DirectMessagesTo(person)).Json!["text"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(
            [(EscalationBot.OnCallUser, "sent"), ("@sre-oncall", "handed_on"), (First, "sent"), (Second, "sent")],
            (await bot.Host.GetIncidentAsync("INC-1")).Pages.Select(p => (p.Recipient, p.Status)));
    }

    [Fact]
    public async Task A_page_to_a_Slack_user_group_Slack_does_not_know_is_told_in_the_incident_channel()
    {
        await using EscalationBot bot = await EscalationBot.StartAsync(new Dictionary<string, string?> { [FirstStepSlackGroup] = "ghosts" });

        await OpenAndEscalateAsync(bot);

        Assert.Equal([(EscalationBot.OnCallUser, PageOutcome.Sent), ("@ghosts", PageOutcome.Refused)], (await PagesAsync(bot)).Select(p => (p.Recipient, p.Outcome)));
        Assert.Contains(bot.Slack.Workspace.Messages(bot.ChannelOf("INC-1")),
            m => m.Text?.StartsWith("⚠️ Could not page @ghosts: Slack has no user group with this handle", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_page_Slack_fails_to_take_is_sent_once_on_a_later_attempt()
    {
        await using EscalationBot bot = await EscalationBot.StartAsync();
        bot.Slack.InjectFault(SlackFault.ServerError(503), method: "chat.postMessage"); // the page goes first: it meets the fault
        await OpenAndEscalateAsync(bot);

        string conversation = Assert.Single(bot.Slack.DirectMessagesTo(EscalationBot.OnCallUser)).Json!["channel"]!.GetValue<string>();
        Assert.Empty(bot.Slack.Workspace.Messages(conversation));
        Page failed = Assert.Single(await PagesAsync(bot));
        Assert.Equal((1, null), (failed.Attempts, failed.Outcome));

        bot.Clock.Advance(TimeSpan.FromSeconds(5));
        await bot.DrainAsync();

        Assert.Single(bot.Slack.Workspace.Messages(conversation));
        Assert.Equal(PageOutcome.Sent, Assert.Single(await PagesAsync(bot)).Outcome);
    }

    [Fact]
    public async Task Acknowledging_from_a_page_edits_every_page_of_the_incident_to_say_who_and_a_click_on_a_stale_page_tells_who_was_first()
    {
        await using EscalationBot bot = await EscalationBot.StartAsync();
        await OpenAndEscalateAsync(bot);
        bot.Clock.Advance(TimeSpan.FromMinutes(5));
        await bot.FireDueAsync();
        await bot.DrainAsync();
        StandInMessage onCallPage = PageTo(bot, EscalationBot.OnCallUser);
        StandInMessage leadPage = PageTo(bot, EscalationBot.Lead);

        await PressAsync(bot, EscalationBot.Lead, leadPage.Channel);
        await bot.DrainAsync();

        Incident incident = await IncidentAsync(bot);
        Assert.Equal(EscalationBot.Lead, incident.AcknowledgedBy?.Id);
        string Settled(string who) => $"acknowledged by {who} at {Mrkdwn.Date(incident.AcknowledgedAt!.Value)}: {Mrkdwn.Escape(incident.Title)}";
        string channelLink = $" · <#{bot.ChannelOf("INC-1")}>";
        AssertEditedOnce(bot, leadPage, "👀 INC-1 (SEV1) " + Settled("you"), "👀 *INC-1* (SEV1) " + Settled("you") + channelLink);
        string byLead = Settled($"<@{EscalationBot.Lead}>");
        AssertEditedOnce(bot, onCallPage, "👀 INC-1 (SEV1) " + byLead, "👀 *INC-1* (SEV1) " + byLead + channelLink);

        await PressAsync(bot, EscalationBot.OnCallUser, onCallPage.Channel);
        await bot.DrainAsync();

        RecordedCall answer = Assert.Single(bot.Slack.CallsTo("chat.postEphemeral"));
        Assert.Equal((onCallPage.Channel, EscalationBot.OnCallUser), (answer.Json!["channel"]!.GetValue<string>(), answer.Json["user"]!.GetValue<string>()));
        Assert.Equal($"*INC-1* was already acknowledged by <@{EscalationBot.Lead}> at {Mrkdwn.Date(incident.AcknowledgedAt!.Value)}.", answer.Json["text"]!.GetValue<string>());
        Assert.Equal([1, 1], new[] { leadPage, onCallPage }.Select(page => EditsOf(bot, page).Count));
        Assert.Equal(incident.AcknowledgedBy, (await IncidentAsync(bot)).AcknowledgedBy);
    }

    [Fact]
    public async Task Resolving_edits_a_page_still_offering_its_button_and_an_edit_Slack_fails_is_retried_after_one_log_line()
    {
        var logs = new CapturedLogs();
        await using EscalationBot bot = await EscalationBot.StartAsync(logs: logs);
        await OpenAndEscalateAsync(bot);
        StandInMessage page = PageTo(bot, EscalationBot.OnCallUser);
        bot.Slack.InjectFault(SlackFault.ServerError(503), times: SlackRetries.MaxAttempts, method: "chat.update");

        (await bot.Host.CreateClient().PostAsJsonAsync("/api/incidents/INC-1/resolve", new { by = "alice" }, Ct)).EnsureSuccessStatusCode();
        await SendPagesAsync(bot);

        Page putOff = Assert.Single(await PagesAsync(bot));
        Assert.Equal((null, "chat.update: http_503"), (putOff.MessageClosedAt, putOff.LastError));
        CapturedLog failure = Assert.Single(logs.Entries, entry => entry.Level >= LogLevel.Information && entry.Message.Contains("chat.update", StringComparison.Ordinal));
        Assert.Equal(
            (LogLevel.Warning, $"Slack chat.update failed (http_503) paging {EscalationBot.OnCallUser} about INC-1; retrying in 00:00:05"),
            (failure.Level, failure.Message));

        bot.Clock.Advance(TimeSpan.FromSeconds(5));
        await SendPagesAsync(bot);

        Incident incident = await IncidentAsync(bot);
        string settled = $"resolved by anonymous (on behalf of alice, unverified) at {Mrkdwn.Date(incident.ResolvedAt!.Value)}: {Mrkdwn.Escape(incident.Title)}";
        List<RecordedCall> edits = EditsOf(bot, page);
        Assert.Equal(SlackRetries.MaxAttempts + 1, edits.Count);
        Assert.Single(edits.Select(edit => edit.Json!.ToJsonString()).Distinct()); // every attempt wrote the same
        AssertEdit(edits[^1], "✅ INC-1 (SEV1) " + settled, $"✅ *INC-1* (SEV1) {settled} · <#{bot.ChannelOf("INC-1")}>");
        Assert.NotNull(Assert.Single(await PagesAsync(bot)).MessageClosedAt);
    }

    [Fact]
    public async Task A_failed_Slack_call_of_an_incident_delivery_is_logged_once_with_its_method_error_incident_and_retry_delay()
    {
        var logs = new CapturedLogs();
        await using EscalationBot bot = await EscalationBot.StartAsync(logs: logs);
        bot.Slack.InjectFault(SlackFault.ServerError(500), method: "conversations.create");

        await OpenAndEscalateAsync(bot);

        CapturedLog failure = Assert.Single(logs.Entries, entry => entry.Level >= LogLevel.Information && entry.Message.Contains("conversations.create", StringComparison.Ordinal));
        Assert.Equal((LogLevel.Warning, "Slack delivery of INC-1 failed at conversations.create (http_500); retrying in 00:00:05"), (failure.Level, failure.Message));
    }

    [Fact]
    public async Task A_channel_Slack_refuses_for_good_is_logged_once_as_an_error_that_says_to_check_the_settings()
    {
        var logs = new CapturedLogs();
        await using EscalationBot bot = await EscalationBot.StartAsync(logs: logs);
        bot.Slack.InjectFault(SlackFault.Error("restricted_action"), method: "conversations.create");

        await OpenAndEscalateAsync(bot);

        CapturedLog failure = Assert.Single(logs.Entries, entry => entry.Level >= LogLevel.Information && entry.Message.Contains("conversations.create", StringComparison.Ordinal));
        Assert.Equal(
            (LogLevel.Error, "Slack refused conversations.create delivering INC-1 (restricted_action); check the Slack settings. Retrying in 00:00:05"),
            (failure.Level, failure.Message));
    }

    /// <summary>The firing SEV1 from Alertmanager, its first escalation step fired and everything delivered that can be.</summary>
    private static async Task OpenAndEscalateAsync(EscalationBot bot)
    {
        await bot.Host.PostWebhookAsync(Payloads.Firing);
        await bot.FireDueAsync();
        await bot.DrainAsync();
    }

    private static async Task DeclareSev1Async(EscalationBot bot, string title) =>
        (await bot.Host.CreateClient().PostAsJsonAsync("/api/incidents", new { title, severity = "SEV1" }, Ct)).EnsureSuccessStatusCode();

    private static async Task SendPagesAsync(EscalationBot bot)
    {
        SlackPageDispatcher pages = bot.Host.Services.GetRequiredService<SlackPageDispatcher>();
        for (int rounds = 0; await bot.Clock.RunAsync(pages.DeliverNextAsync(Ct)); rounds++)
        {
            Assert.True(rounds < 10, "the page lane did not settle");
        }
    }

    /// <summary>The page message to <paramref name="user"/>, as Slack keeps it.</summary>
    private static StandInMessage PageTo(EscalationBot bot, string user)
    {
        string conversation = Assert.Single(bot.Slack.DirectMessagesTo(user)).Json!["channel"]!.GetValue<string>();
        return Assert.Single(bot.Slack.Workspace.Messages(conversation));
    }

    /// <summary>The Acknowledge button of a page about INC-1, pressed by <paramref name="user"/> in their direct-message conversation.</summary>
    private static async Task PressAsync(EscalationBot bot, string user, string conversation)
    {
        string body = SignedSlackRequest.Form(("payload", InteractionPayloads.ButtonPress(IncidentCardActions.AcknowledgeFromPage, "INC-1", user, conversation).ToJsonString()));
        (await bot.SendSignedAsync("/slack/interactions", body)).EnsureSuccessStatusCode();
        await bot.Clock.RunAsync(bot.Host.Services.GetRequiredService<SlackBackgroundWork>().WhenIdleAsync(Ct));
    }

    private static List<RecordedCall> EditsOf(EscalationBot bot, StandInMessage message) => [.. bot.Slack.CallsTo("chat.update")
        .Where(call => call.Json?["channel"]?.GetValue<string>() == message.Channel && call.Json?["ts"]?.GetValue<string>() == message.Ts)];

    private static void AssertEditedOnce(EscalationBot bot, StandInMessage page, string text, string mrkdwn) => AssertEdit(Assert.Single(EditsOf(bot, page)), text, mrkdwn);

    /// <summary>The page became one section saying who settled the incident: no Acknowledge button left.</summary>
    private static void AssertEdit(RecordedCall edit, string text, string mrkdwn)
    {
        Assert.Equal(text, edit.Json!["text"]!.GetValue<string>());
        JsonNode? block = Assert.Single(edit.Json["blocks"]!.AsArray());
        Assert.Equal(("section", mrkdwn), (block!["type"]!.GetValue<string>(), block["text"]!["text"]!.GetValue<string>()));
        Assert.DoesNotContain("accessory", block.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task<Incident> IncidentAsync(EscalationBot bot)
    {
        await using AsyncServiceScope scope = bot.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IncidentsDbContext>().Incidents.AsNoTracking().SingleAsync(Ct);
    }

    private static async Task<List<Page>> PagesAsync(EscalationBot bot)
    {
        await using AsyncServiceScope scope = bot.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IncidentsDbContext>().Pages.AsNoTracking().OrderBy(p => p.Id).ToListAsync(Ct);
    }
}
