using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack;

namespace ChatOpsIncidents.Bot.Tests.Metrics;

/// <summary>
/// A whole incident lifecycle on the real bot (Kestrel on loopback, the hosted Slack dispatcher, the Slack stand-in, both
/// Slack transports on, <c>/incident help</c> over Socket Mode first):
/// the webhook opens an incident, the API acknowledges and resolves it, Slack is told everything; then <c>/metrics</c> is
/// scraped once the outbox is empty.
/// </summary>
internal sealed record ScrapedLifecycle(string Exposition, string? ContentType, IncidentSummaryView Incident, IReadOnlyDictionary<string, int> SlackCalls)
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ScrapedLifecycle> RunAsync()
    {
        await using SlackStandIn slack = await SlackStandIn.StartAsync(TimeProvider.System, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        await using var bot = new BotHost(new()
        {
            ["Slack:BotToken"] = SlackStandIn.BotToken,
            ["Slack:SigningSecret"] = "metrics-signing-secret",
            ["Slack:AppToken"] = SocketModeStandIn.AppToken,
            ["Slack:ApiBaseUrl"] = slack.BaseAddress.ToString(),
            ["Slack:IncidentsChannel"] = incidents,
            ["Outbox:PollInterval"] = "00:00:00.050",
            ["Incidents:ReopenWindow"] = "00:00:00", // no alert can reopen it: its time to resolve is counted as it resolves
        });
        // The incidents channel's line is edited too; the card's edits are the others.
        int CardUpdates() => slack.CallsTo("chat.update").Count(call => call.Json?["channel"]?.GetValue<string>() != incidents);
        bot.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        bot.StartServer();
        HttpClient client = bot.CreateClient();
        await slack.SocketMode.ConnectedAsync(1, cancellationToken: Ct);
        await slack.SocketMode.SendAsync("slash_commands", new JsonObject { ["command"] = "/incident", ["text"] = "help", ["user_id"] = "U0ONCALL1" }, cancellationToken: Ct);

        (await bot.PostWebhookAsync(Payloads.Firing)).EnsureSuccessStatusCode();
        await WaitUntilAsync(() => slack.Workspace.Messages(incidents).Count == 1, "the announcement of the new incident");
        (await client.PostAsJsonAsync("/api/incidents/INC-1/ack", new { by = "alice" }, Ct)).EnsureSuccessStatusCode();
        await WaitUntilAsync(() => CardUpdates() == 1, "the acknowledged card");
        (await client.PostAsJsonAsync("/api/incidents/INC-1/resolve", new { by = "alice", note = "rolled back" }, Ct)).EnsureSuccessStatusCode();
        await WaitUntilAsync(() => CardUpdates() == 2, "the resolved card");

        HttpResponseMessage scrape;
        string exposition;
        using (var deadline = new CancellationTokenSource(s_patience))
        {
            while (true)
            {
                scrape = await client.GetAsync("/metrics", Ct);
                exposition = await scrape.Content.ReadAsStringAsync(Ct);
                if (Scrape.Value(exposition, "chatops_outbox_depth") == 0)
                {
                    break;
                }
                Assert.False(deadline.IsCancellationRequested, "Timed out waiting for the outbox to empty:\n" + exposition);
                await Task.Delay(50, Ct);
            }
        }
        IncidentDetailsView incident = await bot.GetIncidentAsync("INC-1");
        Dictionary<string, int> slackCalls = slack.Calls.GroupBy(c => c.Method).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new ScrapedLifecycle(exposition, scrape.Content.Headers.ContentType?.ToString(), incident.Incident, slackCalls);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(s_patience);
        while (!condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"Timed out waiting for {what}.");
            await Task.Delay(50, Ct);
        }
    }
}
