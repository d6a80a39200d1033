using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

public sealed class OutboxWakeUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_webhook_reaches_Slack_at_once_without_waiting_for_the_next_poll()
    {
        await using SlackStandIn slack = await SlackStandIn.StartAsync(TimeProvider.System, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        await using var bot = new BotHost(new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = SlackStandIn.BotToken,
            ["Slack:SigningSecret"] = SignedSlackRequest.Secret,
            ["Slack:ApiBaseUrl"] = slack.BaseAddress.ToString(),
            ["Slack:IncidentsChannel"] = incidents,
            ["Outbox:PollInterval"] = "00:01:00", // the longest allowed: a poll would not come within the test's patience
        });
        _ = bot.Server; // started: the dispatcher has looked once, found nothing, and waits
        await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);

        await bot.PostWebhookAsync(Payloads.Firing);

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (slack.CallsTo("conversations.create").Count == 0)
        {
            Assert.False(patience.IsCancellationRequested, "The dispatcher was not woken by the commit.");
            await Task.Delay(50, Ct);
        }
    }
}
