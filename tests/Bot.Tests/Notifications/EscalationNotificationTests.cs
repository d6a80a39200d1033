using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Notifications;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Delivery;
using ChatOpsIncidents.Bot.Tests.Metrics;
using ChatOpsIncidents.Bot.Tests.Scheduling;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Delivery;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ChatOpsIncidents.Bot.Tests.Notifications;

/// <summary>Escalation steps reach people beyond Slack: email, SMS, PagerDuty and signed webhooks, on the page lane's guarantees.</summary>
public sealed class EscalationNotificationTests
{
    private const string Lead = "lead@example.com";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unacknowledged_SEV1_pages_Slack_then_email_then_PagerDuty_at_their_times_and_PagerDuty_follows_the_ack_and_the_resolve()
    {
        await using NotifyingBot bot = await NotifyingBot.StartAsync(new()
        {
            ["0:Schedules:0"] = "primary",
            ["0:WaitMinutes"] = "5",
            ["1:Email:0"] = Lead,
            ["1:WaitMinutes"] = "10",
            ["2:PagerDuty:0"] = "payments",
            ["2:WaitMinutes"] = "10",
        });
        DateTimeOffset opened = bot.Bot.Clock.GetUtcNow();

        await bot.DeclareAndEscalateAsync();
        RecordedCall page = Assert.Single(bot.Bot.Slack.DirectMessagesTo(EscalationBot.OnCallUser));
        Assert.Empty(bot.Smtp.Messages);
        Assert.Empty(bot.PagerDuty.Requests);

        await bot.AdvanceAsync(TimeSpan.FromMinutes(4));
        Assert.Empty(bot.Smtp.Messages);
        await bot.AdvanceAsync(TimeSpan.FromMinutes(1));
        SmtpMessage email = Assert.Single(bot.Smtp.Messages);
        Assert.Equal((NotifyingBot.Sender, Lead, $"\0{NotifyingBot.SmtpUser}\0{NotifyingBot.SmtpPassword}"), (email.From, Assert.Single(email.To), email.Credentials));
        MimeMessage message = email.Parse();
        Assert.Equal("[SEV1] INC-1: Checkout is down", message.Subject);
        string text = (message.TextBody ?? "").ReplaceLineEndings("\n");
        Assert.Contains("Severity: SEV1\n", text, StringComparison.Ordinal);
        Assert.Contains("Service: checkout\n", text, StringComparison.Ordinal);
        Assert.Contains("Open the incident: https://incidents.example.com/incidents/INC-1", text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://incidents.example.com/incidents/INC-1\">Open the incident</a>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(bot.PagerDuty.Requests);

        await bot.AdvanceAsync(TimeSpan.FromMinutes(10));
        ReceivedRequest trigger = Assert.Single(bot.PagerDuty.Requests);
        Assert.Equal("/v2/enqueue", trigger.Path);
        Assert.InRange(trigger.At, opened.AddMinutes(15), opened.AddMinutes(15).AddSeconds(10)); // give or take Slack's pacing on the clock
        Assert.Equal(
            (NotifyingBot.RoutingKey, "trigger", "INC-1", "INC-1 SEV1: Checkout is down", "checkout", "critical", "https://incidents.example.com/incidents/INC-1"),
            (Text(trigger, "routing_key"), Text(trigger, "event_action"), Text(trigger, "dedup_key"), Text(trigger, "payload", "summary"),
                Text(trigger, "payload", "source"), Text(trigger, "payload", "severity"), trigger.Json["links"]![0]!["href"]!.GetValue<string>()));
        Assert.Single(bot.Smtp.Messages);

        bot.Bot.Clock.Advance(TimeSpan.FromMinutes(1));
        string press = SignedSlackRequest.Form(("payload", InteractionPayloads.ButtonPress(
            IncidentCardActions.AcknowledgeFromPage, "INC-1", EscalationBot.OnCallUser, page.Json!["channel"]!.GetValue<string>(), RecordingResponseUrls.Url).ToJsonString()));
        (await bot.Bot.SendSignedAsync("/slack/interactions", press)).EnsureSuccessStatusCode();
        await bot.Bot.DrainAsync();
        Assert.Equal(
            $$"""{"routing_key":"{{NotifyingBot.RoutingKey}}","event_action":"acknowledge","dedup_key":"INC-1"}""",
            bot.PagerDuty.Requests[^1].Text);

        await bot.PostAsync("resolve");
        await bot.Bot.DrainAsync();
        Assert.Equal(
            $$"""{"routing_key":"{{NotifyingBot.RoutingKey}}","event_action":"resolve","dedup_key":"INC-1"}""",
            bot.PagerDuty.Requests[^1].Text);
        Assert.Equal(3, bot.PagerDuty.Requests.Count);
        Assert.Single(bot.Smtp.Messages);
        await bot.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(3, bot.PagerDuty.Requests.Count);
        Assert.Equal(("sent", "resolved"), ((await bot.PageAsync("pagerduty")).Status, (await bot.PageAsync("pagerduty")).StatusTold));
    }

    [Fact]
    public async Task An_SMTP_outage_delays_the_email_and_loses_nothing()
    {
        await using NotifyingBot bot = await NotifyingBot.StartAsync(new() { ["0:Email:0"] = Lead });
        bot.Smtp.Outage = true;

        await bot.DeclareAndEscalateAsync();
        Assert.Empty(bot.Smtp.Messages);
        PageView waiting = await bot.PageAsync("email");
        Assert.Equal(("pending", 1), (waiting.Status, waiting.FailedAttempts));
        Assert.StartsWith("the SMTP server answered 421", waiting.LastError, StringComparison.Ordinal);

        bot.Smtp.Outage = false;
        await bot.AdvanceAsync(TimeSpan.FromSeconds(5)); // the first retry, 5 s after the failed attempt

        Assert.Equal([Lead], Assert.Single(bot.Smtp.Messages).To);
        Assert.Equal(2, bot.Smtp.Connections);
        Assert.Equal("sent", (await bot.PageAsync("email")).Status);
    }

    [Fact]
    public async Task PagerDuty_answering_429_is_asked_again_only_after_its_Retry_After()
    {
        await using NotifyingBot bot = await NotifyingBot.StartAsync(new() { ["0:PagerDuty:0"] = "payments" });
        bot.PagerDuty.Fail(HttpStatusCode.TooManyRequests, """{"status":"throttle event","message":"Requests for this service are arriving too quickly."}""", TimeSpan.FromSeconds(30));

        await bot.DeclareAndEscalateAsync();
        DateTimeOffset refused = Assert.Single(bot.PagerDuty.Requests).At;
        await bot.AdvanceAsync(refused.AddSeconds(29) - bot.Bot.Clock.GetUtcNow());
        Assert.Single(bot.PagerDuty.Requests);
        await bot.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(2, bot.PagerDuty.Requests.Count);
        Assert.InRange(bot.PagerDuty.Requests[1].At - refused, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31));
        Assert.Equal(bot.PagerDuty.Requests[0].Text, bot.PagerDuty.Requests[1].Text);
        PageView page = await bot.PageAsync("pagerduty");
        Assert.Equal(("sent", 1, "triggered"), (page.Status, page.FailedAttempts, page.StatusTold));
        Assert.StartsWith("HTTP 429: {\"status\":\"throttle event\"", page.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_that_fails_and_then_times_out_is_retried_with_a_growing_delay_until_it_takes_the_call()
    {
        await using NotifyingBot bot = await NotifyingBot.StartAsync(new() { ["0:Webhooks:0"] = "bridge" });
        bot.Webhook.Fail(HttpStatusCode.BadGateway);
        bot.Webhook.Slow(TimeSpan.FromSeconds(11)); // past Notifications:AttemptTimeout, 10 s

        await bot.DeclareAndEscalateAsync();
        await bot.AdvanceAsync(TimeSpan.FromSeconds(5));
        await bot.AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, bot.Webhook.Requests.Count);
        Assert.Equal(bot.Webhook.Requests[0].Text, bot.Webhook.Requests[2].Text);
        Assert.True(bot.Webhook.Requests[1].At - bot.Webhook.Requests[0].At >= TimeSpan.FromSeconds(5), "retried before the first backoff of 5 s");
        // the timed-out attempt waited 10 s for an answer, then 10 s more: the second backoff
        Assert.True(bot.Webhook.Requests[2].At - bot.Webhook.Requests[1].At >= TimeSpan.FromSeconds(20), "retried before the second backoff of 10 s");
        PageView page = await bot.PageAsync("webhook");
        Assert.Equal(("sent", 2, "no answer within 00:00:10"), (page.Status, page.FailedAttempts, page.LastError));
    }

    [Fact]
    public async Task A_channel_that_refuses_a_page_for_good_is_written_to_the_timeline_and_counted()
    {
        await using NotifyingBot bot = await NotifyingBot.StartAsync(new() { ["0:PagerDuty:0"] = "payments" });
        bot.PagerDuty.Fail(HttpStatusCode.BadRequest, """{"status":"invalid event","message":"Event object is invalid","errors":["'payload.summary' is missing"]}""");

        await bot.DeclareAndEscalateAsync();
        await bot.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Single(bot.PagerDuty.Requests);
        IncidentDetailsView incident = await bot.Bot.Host.GetIncidentAsync("INC-1");
        Assert.Equal("refused", Assert.Single(incident.Pages).Status);
        const string Refusal = "Could not notify PagerDuty payments: HTTP 400: {\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"'payload.summary' is missing\"]}";
        Assert.Contains(incident.Timeline, entry => entry.Text == Refusal);
        Assert.Contains($"⚠️ {Refusal}", ManualDelivery.LinesIn(bot.Bot.Slack, bot.Bot.ChannelOf("INC-1")));
        string scrape = await bot.Bot.Host.CreateClient().GetStringAsync("/metrics", Ct);
        Assert.Equal(1, Scrape.Value(scrape, "chatops_escalation_pages_total{channel=\"pagerduty\",outcome=\"refused\"}"));
        Assert.Equal(1, Scrape.Value(scrape, "chatops_notification_attempts_total{channel=\"pagerduty\",event=\"triggered\",outcome=\"refused\"}"));
    }

    [Fact]
    public async Task A_PagerDuty_outage_never_holds_back_the_Slack_page_of_the_same_step()
    {
        await using NotifyingBot bot = await NotifyingBot.StartAsync(new() { ["0:Users:0"] = EscalationBot.Lead, ["0:PagerDuty:0"] = "payments" });
        bot.PagerDuty.Hold();
        await DeclareAsync(bot);
        Assert.Equal(1, await bot.Bot.FireDueAsync());

        Task<bool> notifying = bot.Bot.Host.Services.GetRequiredService<NotificationDispatcher>().DeliverNextAsync(Ct);
        await bot.PagerDuty.HeldOne.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        SlackPageDispatcher slackPages = bot.Bot.Host.Services.GetRequiredService<SlackPageDispatcher>();
        Assert.True(await bot.Bot.Clock.RunAsync(slackPages.DeliverNextAsync(Ct)));

        Assert.Single(bot.Bot.Slack.DirectMessagesTo(EscalationBot.Lead));
        Assert.False(notifying.IsCompleted);
        bot.PagerDuty.Release();
        Assert.True(await notifying.WaitAsync(TimeSpan.FromMinutes(1), Ct));
        Assert.Equal("sent", (await bot.PageAsync("pagerduty")).Status);
    }

    [Fact]
    public async Task A_notification_cut_off_mid_attempt_is_sent_once_more_with_the_same_dedup_key_when_its_lease_runs_out()
    {
        await using NotifyingBot bot = await NotifyingBot.StartAsync(new() { ["0:PagerDuty:0"] = "payments" });
        bot.PagerDuty.Hold();
        await DeclareAsync(bot);
        Assert.Equal(1, await bot.Bot.FireDueAsync());

        using (var dying = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            Task<bool> cutOff = bot.Bot.Host.Services.GetRequiredService<NotificationDispatcher>().DeliverNextAsync(dying.Token);
            await bot.PagerDuty.HeldOne.WaitAsync(TimeSpan.FromMinutes(1), Ct);
            await dying.CancelAsync(); // the process dies with the request in flight: nothing about it is saved
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cutOff);
        }
        await bot.Bot.DrainAsync();
        Assert.Single(bot.PagerDuty.Requests); // still leased by the dead attempt

        await bot.AdvanceAsync(TimeSpan.FromMinutes(2)); // Outbox:Lease
        await bot.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal(2, bot.PagerDuty.Requests.Count);
        Assert.Equal(bot.PagerDuty.Requests[0].Text, bot.PagerDuty.Requests[1].Text);
        Assert.Equal("INC-1", Text(bot.PagerDuty.Requests[1], "dedup_key"));
        Assert.Equal("sent", (await bot.PageAsync("pagerduty")).Status);
    }

    [Fact]
    public async Task A_webhook_gets_the_incident_signed_with_its_secret_when_paged_and_again_when_acknowledged_and_resolved()
    {
        await using NotifyingBot bot = await NotifyingBot.StartAsync(new() { ["0:Webhooks:0"] = "bridge" });

        await bot.DeclareAndEscalateAsync();
        await bot.PostAsync("ack");
        await bot.Bot.DrainAsync();
        await bot.PostAsync("resolve");
        await bot.Bot.DrainAsync();

        Assert.Equal(["triggered", "acknowledged", "resolved"], bot.Webhook.Requests.Select(r => Text(r, "event")));
        foreach (ReceivedRequest request in bot.Webhook.Requests)
        {
            Assert.Equal("/hooks/incidents", request.Path);
            string timestamp = request.Header("X-ChatOps-Timestamp")!;
            Assert.Equal(request.At.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp);
            byte[] signed = [.. Encoding.UTF8.GetBytes($"v1:{timestamp}:"), .. request.Body];
            byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(NotifyingBot.WebhookSecret), signed);
            Assert.Equal("v1=" + Convert.ToHexStringLower(mac), request.Header("X-ChatOps-Signature"));
            Assert.Equal(
                ("INC-1", "Checkout is down", "SEV1", "checkout", "https://incidents.example.com/incidents/INC-1"),
                (Text(request, "incident", "key"), Text(request, "incident", "title"), Text(request, "incident", "severity"),
                    Text(request, "incident", "service"), Text(request, "incident", "url")));
        }
        Assert.Equal(["triggered", "acknowledged", "resolved"], bot.Webhook.Requests.Select(r => Text(r, "incident", "status")));
        Assert.Equal(3, bot.Webhook.Requests.Select(r => Text(r, "delivery")).Distinct().Count());
    }

    [Fact]
    public async Task A_text_goes_through_Twilios_Messages_API_with_the_key_severity_and_title()
    {
        await using NotifyingBot bot = await NotifyingBot.StartAsync(new() { ["0:Sms:0"] = "+4915112345678" });

        await bot.DeclareAndEscalateAsync();

        ReceivedRequest text = Assert.Single(bot.Twilio.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{NotifyingBot.AccountSid}/Messages.json", text.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{NotifyingBot.AccountSid}:{NotifyingBot.AuthToken}")), text.Header("Authorization"));
        Assert.Equal(
            new Dictionary<string, string> { ["To"] = "+4915112345678", ["From"] = NotifyingBot.SmsFrom, ["Body"] = "INC-1 SEV1: Checkout is down" },
            text.Form);
        Assert.Equal("sent", (await bot.PageAsync("sms")).Status);
    }

    [Fact]
    public async Task A_step_that_emails_its_people_writes_to_the_address_on_the_on_call_persons_Slack_profile()
    {
        await using NotifyingBot bot = await NotifyingBot.StartAsync(new() { ["0:Schedules:0"] = "primary", ["0:EmailPeople"] = "true" });
        bot.Bot.Slack.Workspace.AddUser(EscalationBot.OnCallUser, "oncall", "Olga On-Call", email: "olga@example.com");

        await bot.DeclareAndEscalateAsync();

        Assert.Single(bot.Bot.Slack.DirectMessagesTo(EscalationBot.OnCallUser));
        Assert.Equal(["olga@example.com"], Assert.Single(bot.Smtp.Messages).To);
        PageView page = await bot.PageAsync("email");
        Assert.Equal((EscalationBot.OnCallUser, "sent"), (page.Recipient, page.Status));
    }

    private static async Task DeclareAsync(NotifyingBot bot) =>
        (await bot.Bot.Host.CreateClient().PostAsync(
            "/api/incidents", new StringContent("""{"title":"Checkout is down","severity":"SEV1"}""", Encoding.UTF8, "application/json"), Ct))
        .EnsureSuccessStatusCode();

    private static string Text(ReceivedRequest request, params string[] path) =>
        path.Aggregate((System.Text.Json.Nodes.JsonNode?)request.Json, (node, name) => node?[name])?.GetValue<string>() ?? "";
}
