using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Core.Events;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Events;

/// <summary>A real Alertmanager pages the bot with its own PagerDuty receiver, its url pointed at the bot: a sender nobody here wrote.</summary>
public sealed class AlertmanagerPagerDutyTests
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Alert(DateTimeOffset startsAt, DateTimeOffset? endsAt) => $$"""
        [{"labels":{"alertname":"CheckoutErrors","namespace":"payments"},"annotations":{"summary":"checkout answers 5xx"},
          "startsAt":"{{startsAt:O}}"{{(endsAt is { } end ? $",\"endsAt\":\"{end:O}\"" : "")}}}]
        """;

    [Fact]
    public async Task Alertmanagers_pagerduty_receiver_opens_and_then_resolves_an_incident_through_the_bot()
    {
        await using BotHost bot = EventsBot.Start();
        bot.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        bot.StartServer();
        var enqueue = new Uri(bot.ClientOptions.BaseAddress, "/v2/enqueue");
        await using AlertmanagerServer alertmanager = await AlertmanagerServer.StartWithReceiverAsync($"""
                pagerduty_configs:
                  - url: '{enqueue.AbsoluteUri}'
                    routing_key: '{EventsBot.CheckoutKey}'
                    send_resolved: true

            """, Ct);

        DateTimeOffset startsAt = DateTimeOffset.UtcNow;
        await alertmanager.PostAlertsAsync(Alert(startsAt, endsAt: null), Ct);
        IncidentSummaryView opened = await WaitForAsync(bot, alertmanager, "the trigger", incident => incident is not null);

        Assert.Equal(("triggered", "SEV2", "checkout"), (opened.Status, opened.Severity, opened.Service)); // Alertmanager's default severity is error
        Assert.StartsWith("[FIRING:1] CheckoutErrors", opened.Title, StringComparison.Ordinal);
        StoredEvent trigger = Assert.Single(await bot.StoredEventsAsync());
        Assert.Equal((EventAction.Trigger, EventSeverity.Error), (trigger.Action, trigger.Severity));
        Assert.Contains("\"client\":\"Alertmanager\"", trigger.Details, StringComparison.Ordinal);

        await alertmanager.PostAlertsAsync(Alert(startsAt, DateTimeOffset.UtcNow), Ct);
        IncidentSummaryView resolved = await WaitForAsync(bot, alertmanager, "the resolve", incident => incident?.Status == "resolved");

        Assert.Equal(opened.Key, resolved.Key);
        Assert.Equal(1, (await bot.ListIncidentsAsync()).Total);
        Assert.Equal(EventAction.Resolve, (await bot.StoredEventsAsync()).Last().Action);
    }

    /// <summary>Alertmanager delivers after its group_wait (1 s here): poll, bounded.</summary>
    private static async Task<IncidentSummaryView> WaitForAsync(BotHost bot, AlertmanagerServer alertmanager, string what, Func<IncidentSummaryView?, bool> done)
    {
        using var deadline = new CancellationTokenSource(s_patience);
        IncidentSummaryView? incident;
        do
        {
            incident = (await bot.ListIncidentsAsync()).Items.SingleOrDefault();
            if (done(incident))
            {
                return incident!;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
        }
        while (!deadline.IsCancellationRequested);
        throw new TimeoutException($"Alertmanager did not deliver {what} within {s_patience.TotalSeconds} s. Alertmanager's log:\n{alertmanager.Log}");
    }
}
