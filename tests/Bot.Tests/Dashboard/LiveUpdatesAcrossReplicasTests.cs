using System.Net;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Dashboard;

/// <summary>Issue 21: an open page hears of changes committed by another replica on the same PostgreSQL.</summary>
public sealed class LiveUpdatesAcrossReplicasTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_webhook_to_one_replica_sends_a_change_event_to_a_stream_open_on_another()
    {
        var database = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Incidents"] = await postgres.CreateDatabaseAsync(Ct),
        };
        await using var first = new BotHost(database);
        await using var second = new BotHost(database);
        using HttpClient firstClient = first.CreateClient(); // both running before the stream opens
        using HttpResponseMessage stream = await second.CreateClient().GetAsync("/dashboard/changes", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(Ct));
        Assert.Equal("ready", await NextEventAsync(events));

        Assert.Equal(HttpStatusCode.OK, (await first.PostWebhookAsync(Payloads.Firing)).StatusCode);

        Assert.Equal("change", await NextEventAsync(events));
    }

    /// <summary>The name of the stream's next event, waiting at most 30 s (the other replica's poll runs every 3 s).</summary>
    private static async Task<string> NextEventAsync(StreamReader events)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            while (await events.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    return line["event: ".Length..];
                }
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            throw new TimeoutException("The change stream sent no event within 30 s.");
        }
        throw new InvalidOperationException("The change stream ended.");
    }
}
