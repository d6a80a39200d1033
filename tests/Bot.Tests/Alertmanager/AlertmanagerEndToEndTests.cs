using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Alertmanager;

/// <summary>A real Alertmanager delivers to the real bot over loopback HTTP; the bot tells the Slack stand-in.</summary>
public sealed class AlertmanagerEndToEndTests
{
    private const string Token = "e2e-token";
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    /// <summary>Two alerts of one group, each with <paramref name="times"/> (startsAt, endsAt fields) added.</summary>
    private static string Alerts(string times) => $$$"""
        [
          {{{{times}}}"labels":{"alertname":"KubePodCrashLooping","namespace":"payments","pod":"checkout-api-x2kqz","deployment":"checkout-api","severity":"critical"},
           "annotations":{"summary":"checkout-api is crash looping"},
           "generatorURL":"http://prometheus.example:9090/graph?g0.expr=up"},
          {{{{times}}}"labels":{"alertname":"KubePodCrashLooping","namespace":"payments","pod":"checkout-api-m8w4t","deployment":"checkout-api","severity":"critical"},
           "annotations":{"summary":"checkout-api is crash looping"}}
        ]
        """;

    [Fact]
    public async Task Alerts_pushed_into_Alertmanager_open_an_incident_in_Slack_and_resolving_them_resolves_it()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SlackStandIn slack = await SlackStandIn.StartAsync(TimeProvider.System, ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        await using var bot = new BotHost(new()
        {
            ["Alertmanager:BearerToken"] = Token,
            ["Slack:BotToken"] = SlackStandIn.BotToken,
            ["Slack:SigningSecret"] = "e2e-signing-secret",
            ["Slack:ApiBaseUrl"] = slack.BaseAddress.ToString(),
            ["Slack:IncidentsChannel"] = incidents,
            ["Outbox:PollInterval"] = "00:00:00.050",
        });
        bot.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        bot.StartServer();
        var webhook = new Uri(bot.ClientOptions.BaseAddress, "/webhooks/alertmanager");
        await using AlertmanagerServer alertmanager = await AlertmanagerServer.StartAsync(webhook, Token, ct);

        // Started now, not earlier: Alertmanager flushes a group at once when its first alert started more than group_wait
        // ago, which can be before the second alert of the same POST joins the group, and the first webhook then carries one.
        DateTimeOffset startsAt = DateTimeOffset.UtcNow;
        await alertmanager.PostAlertsAsync(Alerts($"\"startsAt\":\"{startsAt:O}\","), ct);
        IncidentSummaryView opened = await WaitForAsync(bot, "the firing alerts", list => list.Items.SingleOrDefault(), alertmanager);

        Assert.Equal(("triggered", "SEV1", "checkout-api is crash looping"), (opened.Status, opened.Severity, opened.Title));
        IncidentDetailsView details = await bot.GetIncidentAsync(opened.Key);
        Assert.Equal(2, details.Alerts.Count);
        Assert.All(details.Alerts, alert => Assert.Equal("firing", alert.Status));
        await WaitUntilAsync(() => slack.Workspace.Messages(incidents).Count > 0, "the incident to reach Slack");
        Assert.Single(slack.CallsTo("conversations.create"));
        string channel = slack.CallsTo("chat.postMessage")[0].Json!["channel"]!.GetValue<string>(); // the card comes first
        Assert.StartsWith("SEV1", slack.Workspace.Channel(channel)!.Topic, StringComparison.Ordinal);
        Assert.Contains(opened.Key, slack.Workspace.Messages(channel)[0].Text, StringComparison.Ordinal);
        Assert.Contains(opened.Key, Assert.Single(slack.Workspace.Messages(incidents)).Text, StringComparison.Ordinal);

        await alertmanager.PostAlertsAsync(Alerts($"\"startsAt\":\"{startsAt:O}\",\"endsAt\":\"{DateTimeOffset.UtcNow:O}\","), ct);
        IncidentSummaryView resolved = await WaitForAsync(bot, "the resolved alerts", list => list.Items.SingleOrDefault(i => i.Status == "resolved"), alertmanager);

        Assert.Equal(opened.Key, resolved.Key);
        Assert.Equal(["AutoResolved", "PostmortemDrafted"], (await bot.GetIncidentAsync(opened.Key)).Timeline.TakeLast(2).Select(e => e.Kind));
        Assert.Equal(1, (await bot.ListIncidentsAsync()).Total);
        await WaitUntilAsync(() => slack.Workspace.Messages(channel)[0].Text?.Contains("Resolved", StringComparison.Ordinal) == true, "the resolved card");
        Assert.DoesNotContain("incident-resolve", slack.Workspace.Messages(channel)[0].Blocks!.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(s_patience);
        while (!condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"Timed out waiting for {what}.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Alertmanager delivers after its group_wait/group_interval (1 s here): poll, bounded.</summary>
    private static async Task<T> WaitForAsync<T>(BotHost bot, string what, Func<IncidentListView, T?> find, AlertmanagerServer alertmanager)
        where T : class
    {
        using var deadline = new CancellationTokenSource(s_patience);
        IncidentListView list;
        do
        {
            list = await bot.ListIncidentsAsync();
            if (find(list) is { } found)
            {
                return found;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        }
        while (!deadline.IsCancellationRequested);
        string incidents = string.Join(", ", list.Items.Select(i => $"{i.Key} {i.Status}"));
        throw new TimeoutException(
            $"Alertmanager did not deliver {what} within {s_patience.TotalSeconds} s; the bot had [{incidents}]. Alertmanager's log:\n{alertmanager.Log}");
    }

}
