using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Storms;
using ChatOpsIncidents.Core.Tests.Alerts;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Tests.Outbox;

public sealed class OutboxClaimsTests(PostgresServer postgres)
{
    private static readonly Actor s_alice = Actor.SlackUser("U024BE7LH");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IncidentKey> DeclareAsync(TestDb db, string title = "Checkout is down", Severity severity = Severity.Sev2)
    {
        await using IncidentsDbContext context = db.NewContext();
        IncidentCommandResult declared = await new Automation(_time).Incidents(context).DeclareAsync(new DeclaredIncident(title, severity), s_alice, Ct);
        return declared.Incident!.Key;
    }

    /// <summary>Claims on a fresh scope, runs <paramref name="work"/> on the claim and saves what it changed.</summary>
    private async Task<ClaimedDelivery?> ClaimAsync(TestDb db, string owner, Action<ClaimedDelivery>? work = null, bool channelsMayBeCreated = true, Severity ownChannelsThrough = Severity.Sev4)
    {
        await using IncidentsDbContext context = db.NewContext();
        var claims = new OutboxClaims(context, Options.Create(new OutboxOptions()), Options.Create(new StormOptions()), _time);
        ClaimedDelivery? claimed = await claims.ClaimNextAsync(owner, ownChannelsThrough, channelsMayBeCreated, Ct);
        if (claimed is not null && work is not null)
        {
            work(claimed);
            await claims.SaveAsync(Ct);
        }
        return claimed;
    }

    private void DeliverAll(ClaimedDelivery claimed)
    {
        claimed.Delivery.Delivered(claimed.Pending[^1].Id);
        claimed.Delivery.Release(_time.GetUtcNow(), error: null);
    }

    /// <summary>Nothing is handed out until <paramref name="due"/> from now; then <paramref name="key"/> is, with nothing pending.</summary>
    private async Task AssertHandedOutWithNothingToTellAfterAsync(TestDb db, IncidentKey key, TimeSpan due)
    {
        _time.Advance(due - TimeSpan.FromSeconds(1));
        Assert.Null(await ClaimAsync(db, "replica-a"));
        _time.Advance(TimeSpan.FromSeconds(1));
        ClaimedDelivery? claimed = await ClaimAsync(db, "replica-a");

        Assert.Equal(key, claimed?.Incident.Key);
        Assert.Empty(claimed!.Pending);
    }

    [Theory, OnEveryDatabase]
    public async Task A_new_incident_is_due_with_its_opening_entry(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        IncidentKey key = await DeclareAsync(db);

        ClaimedDelivery? claimed = await ClaimAsync(db, "replica-a");

        Assert.Equal(key, claimed?.Incident.Key);
        Assert.Equal([TimelineEntryKind.Opened], claimed!.Pending.Select(e => e.Kind));
        Assert.Null(claimed.Delivery.ChannelId);
    }

    [Theory, OnEveryDatabase]
    public async Task An_incident_with_nothing_to_tell_is_handed_out_when_its_held_back_topic_change_is_due_and_not_before(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        IncidentKey key = await DeclareAsync(db);
        await ClaimAsync(db, "replica-a", claimed =>
        {
            claimed.Delivery.ChannelCreated("C0INC0001");
            claimed.Delivery.TopicDue(_time.GetUtcNow().AddSeconds(40));
            DeliverAll(claimed);
        });

        await AssertHandedOutWithNothingToTellAfterAsync(db, key, TimeSpan.FromSeconds(40));
    }

    [Theory, OnEveryDatabase]
    public async Task An_incident_asked_to_be_looked_at_again_is_handed_out_then_with_nothing_to_tell_and_a_later_ask_does_not_put_it_off(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        IncidentKey key = await DeclareAsync(db);
        await ClaimAsync(db, "replica-a", claimed =>
        {
            claimed.Delivery.ChannelCreated("C0INC0001");
            DeliverAll(claimed);
        });
        await using (IncidentsDbContext context = db.NewContext())
        {
            var claims = new OutboxClaims(context, Options.Create(new OutboxOptions()), Options.Create(new StormOptions()), _time);
            await claims.LookAgainAtAsync(key, _time.GetUtcNow().AddSeconds(15), Ct);
            await claims.LookAgainAtAsync(key, _time.GetUtcNow().AddSeconds(40), Ct);
        }

        await AssertHandedOutWithNothingToTellAfterAsync(db, key, TimeSpan.FromSeconds(15));
    }

    [Theory, OnEveryDatabase]
    public async Task A_leased_incident_is_not_handed_to_another_dispatcher_until_the_lease_runs_out(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await DeclareAsync(db);
        await ClaimAsync(db, "replica-a");

        ClaimedDelivery? whileLeased = await ClaimAsync(db, "replica-b");
        _time.Advance(new OutboxOptions().Lease + TimeSpan.FromSeconds(1));
        ClaimedDelivery? afterLease = await ClaimAsync(db, "replica-b");

        Assert.Null(whileLeased);
        Assert.Equal("replica-b", afterLease?.Delivery.LeaseOwner);
    }

    [Theory, OnEveryDatabase]
    public async Task Delivered_entries_are_not_handed_out_again_and_later_changes_are(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        IncidentKey key = await DeclareAsync(db);
        await ClaimAsync(db, "replica-a", DeliverAll);

        ClaimedDelivery? nothingDue = await ClaimAsync(db, "replica-a");
        await using (IncidentsDbContext context = db.NewContext())
        {
            await new Automation(_time).Incidents(context).AcknowledgeAsync(key, s_alice, Ct);
        }
        ClaimedDelivery? acknowledged = await ClaimAsync(db, "replica-a");

        Assert.Null(nothingDue);
        Assert.Equal([TimelineEntryKind.Acknowledged], acknowledged?.Pending.Select(e => e.Kind));
    }

    [Theory, OnEveryDatabase]
    public async Task A_persons_news_is_handed_out_at_once_while_the_delivery_waits_for_more_alert_news_but_not_while_it_backs_off(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        IncidentKey waiting = await DeclareAsync(db, "Waits for more alert news");
        IncidentKey backingOff = await DeclareAsync(db, "Backs off after a failure");
        await ClaimAsync(db, "replica-a", claimed => HoldAfterTheCard(claimed, error: null));
        await ClaimAsync(db, "replica-a", claimed => HoldAfterTheCard(claimed, error: "Slack said internal_error"));
        await using (IncidentsDbContext context = db.NewContext())
        {
            IncidentService incidents = new Automation(_time).Incidents(context);
            await incidents.AcknowledgeAsync(waiting, s_alice, Ct);
            await incidents.AcknowledgeAsync(backingOff, s_alice, Ct);
        }

        ClaimedDelivery? claimed = await ClaimAsync(db, "replica-a", DeliverAll);

        Assert.Equal(waiting, claimed?.Incident.Key);
        Assert.Equal([TimelineEntryKind.Acknowledged], claimed!.Pending.Select(e => e.Kind));
        Assert.Null(await ClaimAsync(db, "replica-a"));

        void HoldAfterTheCard(ClaimedDelivery claimed, string? error)
        {
            claimed.Delivery.CardPosted("1700000000.000100", "digest");
            claimed.Delivery.Delivered(claimed.Pending[^1].Id);
            claimed.Delivery.Release(_time.GetUtcNow().AddSeconds(15), error);
        }
    }

    [Theory, OnEveryDatabase]
    public async Task A_failed_attempt_is_retried_at_its_retry_time_and_counted(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await DeclareAsync(db);
        await ClaimAsync(db, "replica-a", claimed => claimed.Delivery.Release(_time.GetUtcNow().AddMinutes(1), "Slack said internal_error"));

        ClaimedDelivery? tooEarly = await ClaimAsync(db, "replica-a");
        _time.Advance(TimeSpan.FromMinutes(1));
        ClaimedDelivery? retried = await ClaimAsync(db, "replica-a");

        Assert.Null(tooEarly);
        Assert.Equal((1, "Slack said internal_error"), (retried?.Delivery.Attempts, retried?.Delivery.LastError));
        Assert.Single(retried!.Pending);
    }

    [Theory, OnEveryDatabase]
    public async Task Dispatchers_claiming_at_the_same_moment_each_get_a_different_incident(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        for (int i = 0; i < 6; i++)
        {
            await DeclareAsync(db, $"Incident {i}");
        }

        ClaimedDelivery?[] claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => ClaimAsync(db, $"replica-{i}"))));

        List<IncidentKey> claimed = [.. claims.OfType<ClaimedDelivery>().Select(c => c.Incident.Key)];
        Assert.Equal(6, claimed.Count);
        Assert.Equal(6, claimed.Distinct().Count());
    }

    [Theory, OnEveryDatabase]
    public async Task The_most_severe_incident_is_handed_out_first_then_the_one_that_waited_longest(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        IncidentKey olderMinor = await DeclareAsync(db, "Disk filling", Severity.Sev4);
        _time.Advance(TimeSpan.FromSeconds(1));
        IncidentKey newerMinor = await DeclareAsync(db, "Queue slow", Severity.Sev4);
        _time.Advance(TimeSpan.FromSeconds(1));
        IncidentKey severe = await DeclareAsync(db, "Checkout is down", Severity.Sev1);

        List<IncidentKey?> order = [];
        for (int i = 0; i < 3; i++)
        {
            order.Add((await ClaimAsync(db, "replica-a", DeliverAll))?.Incident.Key);
        }

        Assert.Equal([severe, olderMinor, newerMinor], order);
    }

    [Theory, OnEveryDatabase]
    public async Task While_new_channels_may_not_be_created_only_incidents_with_a_channel_are_handed_out(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        IncidentKey withChannel = await DeclareAsync(db, "Disk filling", Severity.Sev4);
        await ClaimAsync(db, "replica-a", claimed =>
        {
            claimed.Delivery.ChannelCreated("C0INC1");
            DeliverAll(claimed);
        });
        IncidentKey withoutChannel = await DeclareAsync(db, "Checkout is down", Severity.Sev1);
        await using (IncidentsDbContext context = db.NewContext())
        {
            await new Automation(_time).Incidents(context).AcknowledgeAsync(withChannel, s_alice, Ct);
        }

        ClaimedDelivery? first = await ClaimAsync(db, "replica-a", DeliverAll, channelsMayBeCreated: false);
        ClaimedDelivery? none = await ClaimAsync(db, "replica-a", channelsMayBeCreated: false);
        bool stillDue;
        await using (IncidentsDbContext context = db.NewContext())
        {
            stillDue = await new OutboxClaims(context, Options.Create(new OutboxOptions()), Options.Create(new StormOptions()), _time).AnyDueAsync(Ct);
        }
        ClaimedDelivery? second = await ClaimAsync(db, "replica-a");

        Assert.Equal(withChannel, first?.Incident.Key);
        Assert.Null(none);
        Assert.True(stillDue);
        Assert.Equal(withoutChannel, second?.Incident.Key);
    }

    [Theory, OnEveryDatabase]
    public async Task While_new_channels_may_not_be_created_an_incident_too_minor_for_a_channel_is_handed_out(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await DeclareAsync(db, "Checkout is down", Severity.Sev2);
        IncidentKey minor = await DeclareAsync(db, "Disk filling", Severity.Sev3);

        ClaimedDelivery? claimed = await ClaimAsync(db, "replica-a", channelsMayBeCreated: false, ownChannelsThrough: Severity.Sev2);

        Assert.Equal(minor, claimed?.Incident.Key);
    }

    [Theory, OnEveryDatabase]
    public async Task While_new_channels_may_not_be_created_an_incident_of_a_storm_living_in_its_thread_is_handed_out_and_one_given_its_own_channel_is_not(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var intake = new IntakeHarness(db, _time);
        List<IncidentKey> opened = [];
        for (int group = 1; group <= 11; group++) // more than Storms:Threshold: a storm, its SEV3s in its channel's threads
        {
            opened.Add((await intake.DeliverAsync(AlertSignals.GroupWithKey($"{{}}:{{group=\"{group}\"}}", AlertSignals.Firing($"w{group}", severity: "warning")))).Incident);
        }
        await using (IncidentsDbContext context = db.NewContext())
        {
            await new Automation(_time).Incidents(context).GiveOwnChannelAsync(opened[0], s_alice, Ct);
        }

        List<IncidentKey?> handedOut = [];
        while (await ClaimAsync(db, "replica-a", DeliverAll, channelsMayBeCreated: false) is { } claimed)
        {
            handedOut.Add(claimed.Incident.Key);
        }

        Assert.Equal(opened.Skip(1).Cast<IncidentKey?>(), handedOut); // not the storm's own incident, nor the one given a channel
    }

    [Theory, OnEveryDatabase]
    public async Task Alert_changes_do_not_count_towards_the_batch_so_a_big_group_is_claimed_whole(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var intake = new IntakeHarness(db, _time);
        AlertSignal[] firing = [.. Enumerable.Range(0, 50).Select(i => AlertSignals.Firing($"fp-{i:D2}"))];
        AlertIntakeResult opened = await intake.DeliverAsync(AlertSignals.Group(firing));
        await ClaimAsync(db, "replica-a", DeliverAll);
        await using (IncidentsDbContext context = db.NewContext())
        {
            for (int note = 0; note < 25; note++)
            {
                await new Automation(_time).Incidents(context).AddNoteAsync(opened.Incident, $"note {note}", s_alice, Ct);
            }
        }
        await intake.DeliverAsync(AlertSignals.Group([.. firing.Select(a => a.Resolved(AlertSignals.StartsAt.AddMinutes(5)))]));

        ClaimedDelivery? notes = await ClaimAsync(db, "replica-a", DeliverAll);
        ClaimedDelivery? resolution = await ClaimAsync(db, "replica-a");

        Assert.Equal(Enumerable.Repeat(TimelineEntryKind.Note, new OutboxOptions().BatchSize), notes?.Pending.Select(e => e.Kind));
        Assert.Equal(50, resolution?.Pending.Count(e => e.Kind == TimelineEntryKind.AlertResolved));
        Assert.Equal(TimelineEntryKind.AutoResolved, resolution?.Pending.SkipWhile(e => e.Kind != TimelineEntryKind.AlertResolved).Skip(50).First().Kind);
    }

    [Theory, OnEveryDatabase]
    public async Task An_incident_is_found_by_its_channel(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        IncidentKey key = await DeclareAsync(db);
        await ClaimAsync(db, "replica-a", claimed => claimed.Delivery.ChannelCreated("C0INC1"));

        await using IncidentsDbContext context = db.NewContext();
        var queries = new IncidentQueries(context);

        Assert.Equal(key, await queries.FindByChannelAsync("C0INC1", Ct));
        Assert.Null(await queries.FindByChannelAsync("C0OTHER", Ct));
    }
}
