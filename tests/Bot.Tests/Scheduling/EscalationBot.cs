using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Delivery;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ChatOpsIncidents.Bot.Tests.Scheduling;

/// <summary>
/// The bot with Slack on (the stand-in), an on-call schedule and a SEV1 escalation policy, on a stepping clock. Slack delivery
/// and Quartz are driven by the test: on a fake clock the scheduler is not started (see BotHost), so triggers are stored but
/// only fired by <see cref="FireDueAsync"/>, which runs the jobs whose fire time the fake clock has reached.
/// </summary>
public sealed class EscalationBot : IAsyncDisposable
{
    public const string OnCallUser = "U0ONCALL1";
    public const string Lead = "U0LEAD001";
    public const string Resolver = "U0CAROL01";

    /// <summary>When the bot's clock starts: a Monday morning, in the primary schedule's first week.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 15, 0, TimeSpan.Zero);

    private EscalationBot(SteppingClock clock, SlackStandIn slack, BotHost host, string incidentsChannel)
    {
        Clock = clock;
        Slack = slack;
        Host = host;
        IncidentsChannel = incidentsChannel;
    }

    public SteppingClock Clock { get; }

    public SlackStandIn Slack { get; }

    public BotHost Host { get; }

    public string IncidentsChannel { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>SEV1: the primary schedule's on-call, then after 5 minutes the lead, then the lead again after 10 minutes.</summary>
    public static Dictionary<string, string?> EscalationSettings() => new()
    {
        ["OnCall:Schedules:primary:TimeZone"] = "Europe/Berlin",
        ["OnCall:Schedules:primary:Layers:0:Participants:0"] = OnCallUser,
        ["OnCall:Schedules:primary:Layers:0:StartDate"] = "2026-01-05",
        ["OnCall:Schedules:primary:Layers:0:HandoffTime"] = "09:00",
        ["Escalation:Policies:0:Name"] = "sev1",
        ["Escalation:Policies:0:Severities:0"] = "SEV1",
        ["Escalation:Policies:0:Steps:0:Schedules:0"] = "primary",
        ["Escalation:Policies:0:Steps:0:WaitMinutes"] = "5",
        ["Escalation:Policies:0:Steps:1:Users:0"] = Lead,
        ["Escalation:Policies:0:Steps:1:WaitMinutes"] = "10",
        ["Escalation:Policies:0:RepeatLastStep"] = "1",
    };

    /// <param name="extraSettings">Settings added to, or replacing, <see cref="EscalationSettings"/> and the Slack ones.</param>
    /// <param name="logs">Where the bot's log also goes, when the test reads it.</param>
    /// <param name="escalation">Escalation and on-call settings instead of <see cref="EscalationSettings"/>.</param>
    /// <param name="clock">The clock, when the test's other stand-ins run on it too; else one starting at <see cref="Start"/>.</param>
    public static async Task<EscalationBot> StartAsync(
        IReadOnlyDictionary<string, string?>? extraSettings = null,
        CapturedLogs? logs = null,
        Dictionary<string, string?>? escalation = null,
        SteppingClock? clock = null)
    {
        clock ??= new SteppingClock(Start);
        SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        foreach (string user in new[] { OnCallUser, Lead, Resolver })
        {
            slack.Workspace.AddUser(user, user.ToLowerInvariant(), user);
        }
        string incidents = slack.Workspace.AddChannel("incidents");
        Dictionary<string, string?> settings = escalation ?? EscalationSettings();
        settings["Slack:BotToken"] = SlackStandIn.BotToken;
        settings["Slack:SigningSecret"] = SignedSlackRequest.Secret;
        settings["Slack:ApiBaseUrl"] = slack.BaseAddress.ToString();
        settings["Slack:IncidentsChannel"] = incidents;
        foreach ((string key, string? value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var host = new BotHost(settings, clock, services =>
        {
            ManualDelivery.DeliverByHand(services);
            if (logs is not null)
            {
                services.AddSingleton<ILoggerProvider>(logs);
            }
        });
        return new EscalationBot(clock, slack, host, incidents);
    }

    public async Task<IScheduler> SchedulerAsync() => await Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);

    /// <summary>When the incident's next escalation step (or postmortem reminder) trigger fires; null when there is none.</summary>
    public async Task<DateTimeOffset?> NextFireTimeAsync(TriggerKey key) => (await (await SchedulerAsync()).GetTrigger(key, Ct))?.NextFireTimeUtc;

    /// <summary>Runs, as Quartz would, every escalation and reminder job whose trigger is due on the fake clock; returns how many ran.</summary>
    public Task<int> FireDueAsync() => DueTriggers.FireAsync(Clock, Host);

    /// <summary>Delivers to Slack until nothing is due, on the stepping clock.</summary>
    public Task DrainAsync() => ManualDelivery.DrainAsync(Host, Clock);

    /// <summary>The incident's own channel: where its card was posted.</summary>
    public string ChannelOf(string key) => ManualDelivery.ChannelOf(Slack, key);

    /// <summary>A request signed on the stepping clock, as Slack would send it now.</summary>
    public async Task<HttpResponseMessage> SendSignedAsync(string path, string body)
    {
        using HttpRequestMessage request = SignedSlackRequest.Create(path, body, Clock.GetUtcNow());
        return await Host.CreateClient().SendAsync(request, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
