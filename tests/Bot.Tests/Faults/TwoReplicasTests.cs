using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Scheduling;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Delivery;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ChatOpsIncidents.Bot.Tests.Faults;

/// <summary>Two bots on one PostgreSQL database (and its clustered Quartz store), sharing nothing else, both delivering to one Slack.</summary>
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
        JsonObject confirmResolve = await InteractionPayloads.ConfirmResolveAsync(
            await CommandAsync(second, $"resolve {keys[3]} rolled back"), SlackBot.UserId, channel: null); // alerts fire: it warns first
        List<Task<HttpResponseMessage>> commands = [];
        for (int i = 0; i < Groups; i += 2)
        {
            commands.Add(CommandAsync(replicas[i / 2 % 2], $"ack {keys[i]}"));
        }
        commands.Add(CommandAsync(first, $"ack {keys[1]}"));
        commands.Add(CommandAsync(second, $"ack {keys[1]}"));
        commands.Add(CommandAsync(first, $"note {keys[3]} restarted checkout on node A"));
        commands.Add(PressAsync(second, confirmResolve));
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

    [Fact]
    public async Task Escalation_steps_and_postmortem_reminders_fire_once_when_both_clustered_replicas_fire_every_due_trigger()
    {
        postgres.RequireAvailable();
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        foreach (string user in new[] { ManualDelivery.Responder, EscalationBot.OnCallUser, EscalationBot.Lead, EscalationBot.Resolver })
        {
            slack.Workspace.AddUser(user, user.ToLowerInvariant(), user);
        }
        string incidents = slack.Workspace.AddChannel("incidents");
        Dictionary<string, string?> settings = await FaultDatabase.SettingsAsync(DatabaseProvider.Postgres, postgres, Ct,
            new[] { EscalationBot.EscalationSettings(), ManualDelivery.SlackSettings(slack, incidents) }.SelectMany(pairs => pairs).ToDictionary());
        await using BotHost first = Replica(settings, "first", clock);
        await using BotHost second = Replica(settings, "second", clock);
        BotHost[] replicas = [first, second];
        // One after the other: schedulers starting at once contend for Quartz's cluster lock, and the loser's retry waits
        // on the stepping clock, which nothing moves while a host starts (the test would wait for ever).
        foreach (BotHost replica in replicas)
        {
            _ = replica.CreateClient();
        }

        DateTimeOffset opened = clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await second.PostWebhookAsync(Payloads.Firing)).StatusCode);
        IncidentKey key = new(long.Parse((await KeysAsync(first)).Single()["INC-".Length..], CultureInfo.InvariantCulture));
        IScheduler[] schedulers = await Task.WhenAll(replicas.Select(replica => replica.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct).AsTask()));
        SchedulerMetadata[] nodes = await Task.WhenAll(schedulers.Select(scheduler => scheduler.GetMetadata(Ct).AsTask()));
        Assert.All(nodes, node => Assert.True(node.JobStoreClustered));
        Assert.Equal(2, nodes.Select(node => node.SchedulerInstanceId).Distinct().Count());
        IScheduler store = schedulers[0];
        Assert.Equal(opened, (await store.GetTrigger(DueTriggers.Escalation(key), Ct))?.NextFireTimeUtc); // scheduled by the other replica

        for (int step = 0; step < 3; step++) // the on-call, then the lead, then the lead again (RepeatLastStep)
        {
            await FireNextAsync(DueTriggers.Escalation(key));
        }
        clock.Advance(TimeSpan.FromMinutes(5));
        HttpResponseMessage warned = await CommandAsync(first, $"resolve {key} rolled back", EscalationBot.Resolver, clock);
        HttpResponseMessage resolved = await PressAsync(first, await InteractionPayloads.ConfirmResolveAsync(warned, EscalationBot.Resolver, channel: null), clock);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        DateTimeOffset resolvedAt = clock.GetUtcNow();
        await DeliverAsync();
        Assert.Null(await store.GetTrigger(DueTriggers.Escalation(key), Ct));
        for (int reminder = 0; reminder < 3; reminder++) // 24 h, 48 h, and the overdue notice at 72 h
        {
            await FireNextAsync(DueTriggers.Reminder(key));
        }
        Assert.Equal(0, await DueTriggers.FireAsync(clock, replicas));

        Assert.Single(slack.DirectMessagesTo(EscalationBot.OnCallUser));
        Assert.Equal(2, slack.DirectMessagesTo(EscalationBot.Lead).Count);
        IReadOnlyList<RecordedCall> reminders = slack.DirectMessagesTo(EscalationBot.Resolver);
        Assert.Equal(["(24 h since it was resolved)", "(48 h since it was resolved)"],
            reminders.Select(call => Regex.Match(call.Json?["text"]?.GetValue<string>() ?? "", @"\(\d+ h since it was resolved\)").Value));
        // Each replica opens a person's conversation once and reuses it: 3 people, at most 2 replicas each, never more than the 5 DMs.
        Assert.InRange(slack.CallsTo("conversations.open").Count, 3, 5);
        Assert.Single(slack.Workspace.Messages(incidents), m => m.Text?.Contains($"The postmortem of {key} is overdue", StringComparison.Ordinal) == true);
        await using AsyncServiceScope scope = first.Services.CreateAsyncScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        List<TimelineEntry> timeline = await db.TimelineEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct);
        List<TimelineEntry> steps = [.. timeline.Where(e => e.Kind == TimelineEntryKind.EscalationStep)];
        Assert.Equal(3, steps.Count);
        Assert.Equal(opened, steps[0].DueAt);
        Assert.Equal([steps[0].At.AddMinutes(5), steps[1].At.AddMinutes(10)], steps.Skip(1).Select(e => e.DueAt ?? default));
        Assert.Equal(2, timeline.Count(e => e.Kind == TimelineEntryKind.PostmortemReminder));
        Assert.Single(timeline, e => e.Kind == TimelineEntryKind.PostmortemOverdue);
        Assert.Equal(0, (await StoredRows.ReadAsync(first.Services, Ct)).Undelivered);

        // Delivery moves the stepping clock on by Slack's pacing, so the next trigger may be due already.
        async Task FireNextAsync(TriggerKey trigger)
        {
            DateTimeOffset due = (await store.GetTrigger(trigger, Ct))?.NextFireTimeUtc ?? throw new InvalidOperationException($"No trigger {trigger}.");
            clock.Advance(due > clock.GetUtcNow() ? due - clock.GetUtcNow() : TimeSpan.Zero);
            Assert.Equal(1, await DueTriggers.FireAsync(clock, replicas));
            await DeliverAsync();
        }

        async Task DeliverAsync() => await Task.WhenAll(replicas.Select(replica => ManualDelivery.DrainAsync(replica, clock)));
    }

    /// <summary>A replica: its own host, container and dispatcher; its Slack calls carry its name. On a clock, delivery is the test's to drive.</summary>
    private static BotHost Replica(Dictionary<string, string?> settings, string name, SteppingClock? clock = null) => new(settings, clock, services =>
    {
        services.ConfigureHttpClientDefaults(client => client.ConfigureHttpClient(http => http.DefaultRequestHeaders.Add(ReplicaHeader, name)));
        if (clock is not null)
        {
            ManualDelivery.DeliverByHand(services);
        }
    });

    private static async Task<string[]> KeysAsync(BotHost replica)
    {
        await using AsyncServiceScope scope = replica.Services.CreateAsyncScope();
        List<long> ids = await scope.ServiceProvider.GetRequiredService<IncidentsDbContext>().Incidents.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(Ct);
        return [.. ids.Select(id => new IncidentKey(id).ToString())];
    }

    private static async Task<HttpResponseMessage> CommandAsync(BotHost replica, string text, string user = SlackBot.UserId, TimeProvider? clock = null)
    {
        string body = SignedSlackRequest.Form(
            ("command", "/incident"), ("text", text), ("user_id", user), ("user_name", SlackBot.UserName),
            ("channel_id", "C0ELSEWHERE"), ("team_id", "T0INCBOT1"), ("trigger_id", "1.2.3"));
        using HttpRequestMessage request = SignedSlackRequest.Create("/slack/commands", body, (clock ?? TimeProvider.System).GetUtcNow());
        return await replica.CreateClient().SendAsync(request, Ct);
    }

    private static async Task<HttpResponseMessage> PressAsync(BotHost replica, JsonObject payload, TimeProvider? clock = null)
    {
        string body = SignedSlackRequest.Form(("payload", payload.ToJsonString()));
        using HttpRequestMessage request = SignedSlackRequest.Create("/slack/interactions", body, (clock ?? TimeProvider.System).GetUtcNow());
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
