using System.Net;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Delivery;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Faults;

/// <summary>
/// Two bots on one PostgreSQL database, sharing nothing else, both delivering to one Slack. Escalations and postmortem
/// reminders firing once across replicas belong to the scheduling work and are not covered here.
/// </summary>
public sealed class TwoReplicasTests(PostgresServer postgres)
{
    private const int Groups = 10;
    private const int AlertsPerGroup = 3;
    private const string ReplicaHeader = "X-Test-Replica";
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(120);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Webhooks_and_slash_commands_split_across_two_replicas_give_one_incident_per_group_and_every_Slack_message_once()
    {
        postgres.RequireAvailable();
        await using SlackStandIn slack = await SlackStandIn.StartAsync(TimeProvider.System, Ct);
        slack.Workspace.AddUser(ManualDelivery.Responder, "alice", "Alice Example");
        slack.Workspace.AddUser(SlackBot.UserId, SlackBot.UserName, "Dana Example");
        string incidents = slack.Workspace.AddChannel("incidents", SlackBot.UserId);
        Dictionary<string, string?> settings = await FaultDatabase.SettingsAsync(
            DatabaseProvider.Postgres, postgres, Ct, ManualDelivery.SlackSettings(slack, incidents));
        await using BotHost first = Replica(settings, "first");
        await using BotHost second = Replica(settings, "second");
        BotHost[] replicas = [first, second];
        await Task.WhenAll(replicas.Select(replica => Task.Run(replica.CreateClient, Ct))); // both start, and migrate, at once

        for (int alerts = 1; alerts <= AlertsPerGroup; alerts++)
        {
            await Task.WhenAll(Enumerable.Range(0, Groups).Select(group => Task.Run(async () =>
            {
                string webhook = AlertBurst.Webhook(group, alerts);
                BotHost[] targets = group % 3 == 0 ? replicas : [replicas[group % 2]];
                HttpResponseMessage[] answers = await Task.WhenAll(targets.Select(replica => replica.PostWebhookAsync(webhook)));
                Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
            }, Ct)));
        }
        string[] keys = await KeysAsync(first); // PostgreSQL numbers have gaps where a replica lost the race to open an incident
        List<Task<HttpResponseMessage>> commands = [];
        for (int i = 0; i < Groups; i += 2)
        {
            commands.Add(CommandAsync(replicas[i / 2 % 2], $"ack {keys[i]}"));
        }
        commands.Add(CommandAsync(first, $"ack {keys[1]}"));
        commands.Add(CommandAsync(second, $"ack {keys[1]}"));
        commands.Add(CommandAsync(first, $"note {keys[3]} restarted checkout on node A"));
        commands.Add(CommandAsync(second, $"resolve {keys[3]} rolled back"));
        HttpResponseMessage[] answers = await Task.WhenAll(commands);
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        string replies = string.Join(" | ", await Task.WhenAll(answers.Select(answer => answer.Content.ReadAsStringAsync(Ct))));
        // A command that outlasts Slack's answer budget finishes after its answer: wait for its entry, then for Slack.
        await WaitUntilAsync(first, $"the commands' timeline entries (replies: {replies})", async db => await db.TimelineEntries.CountAsync(
            e => e.Kind == TimelineEntryKind.Acknowledged || e.Kind == TimelineEntryKind.Note || e.Kind == TimelineEntryKind.Resolved, Ct) >= 8);
        await WaitUntilAsync(first, "Slack to be told everything", async db => !await db.TimelineEntries.AnyAsync(
            e => db.Deliveries.Any(d => d.IncidentId == e.IncidentId && e.Id > d.DeliveredThroughEntryId), Ct));

        StoredRows rows = await StoredRows.ReadAsync(first.Services, Ct);
        Assert.Equal((Groups, Groups * AlertsPerGroup), (rows.Incidents, rows.Alerts));
        await using (AsyncServiceScope scope = first.Services.CreateAsyncScope())
        {
            IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
            Assert.Equal(Groups, await db.Incidents.Select(i => i.GroupKey).Distinct().CountAsync(Ct));
            Assert.Equal(6, await db.TimelineEntries.CountAsync(e => e.Kind == TimelineEntryKind.Acknowledged, Ct)); // the one acked on both, once
            Assert.Equal(1, await db.TimelineEntries.CountAsync(e => e.Kind == TimelineEntryKind.Note, Ct));
            Assert.Equal(1, await db.TimelineEntries.CountAsync(e => e.Kind == TimelineEntryKind.Resolved, Ct));
        }
        await SlackRecord.AssertEachIncidentToldOnceInOrderAsync(first.Services, slack, incidents, Groups, Ct);
        Assert.Equal(["first", "second"], slack.Calls.Select(call => call.Header(ReplicaHeader)).Distinct().Order());
    }

    /// <summary>A replica: its own host, container and dispatcher; its Slack calls carry its name.</summary>
    private static BotHost Replica(Dictionary<string, string?> settings, string name) => new(settings, services: services =>
        services.ConfigureHttpClientDefaults(client => client.ConfigureHttpClient(http => http.DefaultRequestHeaders.Add(ReplicaHeader, name))));

    private static async Task<string[]> KeysAsync(BotHost replica)
    {
        await using AsyncServiceScope scope = replica.Services.CreateAsyncScope();
        List<long> ids = await scope.ServiceProvider.GetRequiredService<IncidentsDbContext>().Incidents.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(Ct);
        return [.. ids.Select(id => new IncidentKey(id).ToString())];
    }

    private static async Task<HttpResponseMessage> CommandAsync(BotHost replica, string text)
    {
        string body = SignedSlackRequest.Form(
            ("command", "/incident"), ("text", text), ("user_id", SlackBot.UserId), ("user_name", SlackBot.UserName),
            ("channel_id", "C0ELSEWHERE"), ("team_id", "T0INCBOT1"), ("trigger_id", "1.2.3"));
        using HttpRequestMessage request = SignedSlackRequest.Create("/slack/commands", body, DateTimeOffset.UtcNow);
        return await replica.CreateClient().SendAsync(request, Ct);
    }

    private static async Task WaitUntilAsync(BotHost replica, string what, Func<IncidentsDbContext, Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(s_patience);
        while (true)
        {
            await using (AsyncServiceScope scope = replica.Services.CreateAsyncScope())
            {
                if (await condition(scope.ServiceProvider.GetRequiredService<IncidentsDbContext>()))
                {
                    return;
                }
            }
            Assert.False(deadline.IsCancellationRequested,
                $"Timed out after {s_patience.TotalSeconds:0} s waiting for {what}: {await StoredRows.ReadAsync(replica.Services, Ct)}");
            await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
        }
    }
}
