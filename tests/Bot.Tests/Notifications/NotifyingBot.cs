using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Scheduling;
using ChatOpsIncidents.Bot.Tests.Slack;

namespace ChatOpsIncidents.Bot.Tests.Notifications;

/// <summary>
/// <see cref="EscalationBot"/> with one SEV1 policy of the test's steps, and every notification channel pointed at a
/// stand-in: PagerDuty's Events API (<c>payments</c>), a webhook receiver (<c>bridge</c>), Twilio and an SMTP server.
/// </summary>
public sealed class NotifyingBot : IAsyncDisposable
{
    public const string RoutingKey = "R0UTINGKEY0123456789abcdefABCDEF";
    public const string WebhookSecret = "bridge-shared-secret-0001";
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "twilio-auth-token-0001";
    public const string SmsFrom = "+15017122661";
    public const string Sender = "incidents@example.com";
    public const string SmtpUser = "incident-bot";
    public const string SmtpPassword = "smtp-password-0001";
    public const string Dashboard = "https://incidents.example.com/";

    private NotifyingBot(EscalationBot bot, ReceiverStandIn pagerDuty, ReceiverStandIn webhook, ReceiverStandIn twilio, SmtpStandIn smtp)
    {
        Bot = bot;
        PagerDuty = pagerDuty;
        Webhook = webhook;
        Twilio = twilio;
        Smtp = smtp;
    }

    public EscalationBot Bot { get; }

    public ReceiverStandIn PagerDuty { get; }

    public ReceiverStandIn Webhook { get; }

    public ReceiverStandIn Twilio { get; }

    public SmtpStandIn Smtp { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="steps">The SEV1 policy's steps, as <c>"0:Email:0" = "lead@example.com"</c> under <c>Escalation:Policies:0:Steps:</c>.</param>
    public static async Task<NotifyingBot> StartAsync(Dictionary<string, string> steps)
    {
        var clock = new SteppingClock(EscalationBot.Start);
        ReceiverStandIn pagerDuty = await ReceiverStandIn.PagerDutyAsync(clock);
        ReceiverStandIn webhook = await ReceiverStandIn.WebhookAsync(clock);
        ReceiverStandIn twilio = await ReceiverStandIn.TwilioAsync(clock);
        var smtp = new SmtpStandIn();
        Dictionary<string, string?> escalation = EscalationBot.EscalationSettings()
            .Where(setting => setting.Key.StartsWith("OnCall:", StringComparison.Ordinal))
            .ToDictionary();
        escalation["Escalation:Policies:0:Name"] = "sev1";
        escalation["Escalation:Policies:0:Severities:0"] = "SEV1";
        foreach ((string key, string value) in steps)
        {
            escalation[$"Escalation:Policies:0:Steps:{key}"] = value;
        }
        EscalationBot bot = await EscalationBot.StartAsync(new Dictionary<string, string?>
        {
            ["Notifications:DashboardUrl"] = Dashboard,
            ["Notifications:PagerDuty:EventsUrl"] = new Uri(pagerDuty.BaseAddress, "v2/enqueue").AbsoluteUri,
            ["Notifications:PagerDuty:RoutingKeys:payments"] = RoutingKey,
            ["Notifications:Webhooks:bridge:Url"] = new Uri(webhook.BaseAddress, "hooks/incidents").AbsoluteUri,
            ["Notifications:Webhooks:bridge:Secret"] = WebhookSecret,
            ["Notifications:Sms:ApiBaseUrl"] = twilio.BaseAddress.AbsoluteUri,
            ["Notifications:Sms:AccountSid"] = AccountSid,
            ["Notifications:Sms:AuthToken"] = AuthToken,
            ["Notifications:Sms:From"] = SmsFrom,
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Email:Security"] = "None",
            ["Notifications:Email:UserName"] = SmtpUser,
            ["Notifications:Email:Password"] = SmtpPassword,
            ["Notifications:Email:From"] = Sender,
        }, escalation: escalation, clock: clock);
        return new NotifyingBot(bot, pagerDuty, webhook, twilio, smtp);
    }

    /// <summary>Declares "Checkout is down", SEV1, through the API, fires its first step and delivers it.</summary>
    public async Task DeclareAndEscalateAsync()
    {
        (await Bot.Host.CreateClient().PostAsJsonAsync("/api/incidents", new { title = "Checkout is down", severity = "SEV1", service = "checkout" }, Ct))
            .EnsureSuccessStatusCode();
        Assert.Equal(1, await Bot.FireDueAsync());
        await Bot.DrainAsync();
    }

    /// <summary>Moves the clock on, fires what fell due and delivers it.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Bot.Clock.Advance(by);
        await Bot.FireDueAsync();
        await Bot.DrainAsync();
    }

    public async Task<PageView> PageAsync(string channel) =>
        Assert.Single((await Bot.Host.GetIncidentAsync("INC-1")).Pages, page => page.Channel == channel);

    public async Task PostAsync(string action) =>
        (await Bot.Host.CreateClient().PostAsJsonAsync($"/api/incidents/INC-1/{action}", new { by = "alice" }, Ct)).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await PagerDuty.DisposeAsync();
        await Webhook.DisposeAsync();
        await Twilio.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
