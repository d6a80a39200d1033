using ChatOpsIncidents.Bot.Notifications;
using ChatOpsIncidents.Bot.Slack.Delivery;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

/// <summary>The bot talking to the Slack stand-in, with its outbox delivered by the test on a <see cref="SteppingClock"/>.</summary>
public static class ManualDelivery
{
    public const string Responder = "U0ALICE01";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Dictionary<string, string?> SlackSettings(SlackStandIn slack, string incidentsChannel) => new()
    {
        ["Slack:BotToken"] = SlackStandIn.BotToken,
        ["Slack:SigningSecret"] = SignedSlackRequest.Secret,
        ["Slack:ApiBaseUrl"] = slack.BaseAddress.ToString(),
        ["Slack:IncidentsChannel"] = incidentsChannel,
        ["Slack:DefaultResponders:0"] = Responder,
        ["Outbox:PollInterval"] = "00:00:00.050",
        ["Slack:AlertLinesDelay"] = "00:00:00", // alert news told at once, as these tests expect; AlertLinesTests waits as the bot does
    };

    /// <summary>The bot with its hosted dispatcher off: the test drives delivery on the stepping clock instead.</summary>
    public static BotHost Bot(Dictionary<string, string?> settings, SteppingClock clock) => new(settings, clock, DeliverByHand);

    /// <summary>
    /// Turns the hosted dispatchers (incident delivery, Slack pages, the other notification channels and channel messages) off and registers them as
    /// plain singletons, for
    /// <see cref="DrainAsync"/>. Also removes the runbook pollers and the event pruner (no test that delivers by hand has
    /// runbooks or events): they wait on the clock, so the stepping clock would race ahead by their interval every few milliseconds a delivery spends in real
    /// database or HTTP work, timing out Slack calls in flight.
    /// </summary>
    public static void DeliverByHand(IServiceCollection services)
    {
        foreach (Type dispatcher in new[] { typeof(SlackOutboxDispatcher), typeof(SlackPageDispatcher), typeof(NotificationDispatcher), typeof(SlackChannelMessageDispatcher) })
        {
            services.Remove(services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == dispatcher));
            services.AddSingleton(dispatcher);
        }
        foreach (ServiceDescriptor poller in services.Where(s => s.ImplementationType?.Name is "AutoRunbookTrigger" or "RunbookStartup" or "EventPruning").ToList())
        {
            services.Remove(poller);
        }
    }

    /// <summary>Delivers pages, notifications, incidents and channel messages until nothing is due, on the stepping clock; returns how many rounds delivered something.</summary>
    public static async Task<int> DrainAsync(BotHost bot, SteppingClock clock, int maxRounds = 1_000)
    {
        SlackPageDispatcher pages = bot.Services.GetRequiredService<SlackPageDispatcher>();
        NotificationDispatcher notifications = bot.Services.GetRequiredService<NotificationDispatcher>();
        SlackOutboxDispatcher incidents = bot.Services.GetRequiredService<SlackOutboxDispatcher>();
        SlackChannelMessageDispatcher channelMessages = bot.Services.GetRequiredService<SlackChannelMessageDispatcher>();
        int rounds = 0;
        while (await clock.RunAsync(DeliverAsync()))
        {
            Assert.True(++rounds < maxRounds, $"delivery did not settle within {maxRounds} rounds");
        }
        return rounds;

        async Task<bool> DeliverAsync() => await pages.DeliverNextAsync(Ct) | await notifications.DeliverNextAsync(Ct) | await incidents.DeliverNextAsync(Ct)
            | await channelMessages.DeliverNextAsync(Ct);
    }

    /// <summary>The channel the incident's card was posted in.</summary>
    public static string ChannelOf(SlackStandIn slack, string key) => slack.CallsTo("chat.postMessage")
        .Where(c => c.Json?["blocks"]?[0]?["text"]?["text"]?.GetValue<string>().StartsWith(key + " ", StringComparison.Ordinal) == true)
        .Select(c => c.Json!["channel"]!.GetValue<string>())
        .Distinct()
        .Single();

    /// <summary>The plain lines (messages without blocks: not cards) in <paramref name="channel"/>, oldest first.</summary>
    public static List<string> LinesIn(SlackStandIn slack, string channel) =>
        [.. slack.Workspace.Messages(channel).Where(m => m.Blocks is null).Select(m => m.Text ?? "")];
}
