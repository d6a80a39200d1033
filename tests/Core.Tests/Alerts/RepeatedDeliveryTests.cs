using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using static ChatOpsIncidents.Core.Tests.Alerts.AlertSignals;

namespace ChatOpsIncidents.Core.Tests.Alerts;

/// <summary>The webhook's memory of repeated deliveries (<see cref="RepeatedDeliveryIndex"/>), with two replicas on one database.</summary>
public sealed class RepeatedDeliveryTests(PostgresServer postgres)
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnEveryDatabase]
    public async Task A_repeat_of_a_remembered_delivery_is_confirmed_by_one_read(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var commands = new CountCommands();
        await using var intake = new BatchedIntake(db, _time, commands);
        AlertGroupSignal group = Group(Firing("aaaa"), Firing("bbbb"));
        AlertIntakeResult opened = await intake.DeliverAsync(group);
        await intake.DeliverAsync(group); // found unchanged by reading the incident and its alerts: remembered
        commands.Reset();

        AlertIntakeResult repeated = await intake.DeliverAsync(group);

        Assert.Equal(new AlertIntakeResult(opened.Incident, AlertIntakeOutcome.Unchanged), repeated);
        Assert.Equal(1, commands.Count);
    }

    [Theory, OnEveryDatabase]
    public async Task A_remembered_repeat_names_the_incident_another_replica_opened_for_its_group_since(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using var replicaA = new BatchedIntake(db, _time);
        await using var replicaB = new BatchedIntake(db, _time);
        AlertGroupSignal firing = Group(Firing("aaaa"));
        AlertIntakeResult first = await replicaA.DeliverAsync(firing);
        await replicaA.DeliverAsync(firing);
        await replicaB.DeliverAsync(Group(Firing("aaaa").Resolved(_time.GetUtcNow())));
        _time.Advance(TimeSpan.FromHours(1)); // past Incidents:ReopenWindow: firing again opens a new incident
        AlertIntakeResult refired = await replicaB.DeliverAsync(Group(Firing("aaaa", startsAt: _time.GetUtcNow())));

        AlertIntakeResult repeated = await replicaA.DeliverAsync(firing);

        Assert.Equal(AlertIntakeOutcome.Opened, refired.Outcome);
        Assert.NotEqual(first.Incident, refired.Incident);
        Assert.Equal(new AlertIntakeResult(refired.Incident, AlertIntakeOutcome.Unchanged), repeated); // its episode is older than the new one's
    }

    [Theory, OnEveryDatabase]
    public async Task A_remembered_repeat_is_stored_again_after_another_replica_rewrote_an_alert_without_news(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using var replicaA = new BatchedIntake(db, _time);
        await using var replicaB = new BatchedIntake(db, _time);
        AlertGroupSignal original = Group(Firing("aaaa", summary: "Checkout pods crash looping"));
        AlertIntakeResult opened = await replicaA.DeliverAsync(original);
        await replicaA.DeliverAsync(original);
        await replicaB.DeliverAsync(Group(Firing("aaaa", summary: "Rewritten by the other replica")));

        await replicaA.DeliverAsync(original);

        await using IncidentsDbContext context = db.NewContext();
        Incident incident = (await new IncidentQueries(context).FindAsync(opened.Incident, Ct))!;
        Assert.Equal("Checkout pods crash looping", incident.Alerts.Single().Summary);
    }

    [Theory, OnEveryDatabase]
    public async Task A_remembered_repeat_is_stored_again_after_another_replica_changed_the_group_details(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using var replicaA = new BatchedIntake(db, _time);
        await using var replicaB = new BatchedIntake(db, _time);
        AlertGroupSignal original = Group(Firing("aaaa"));
        AlertIntakeResult opened = await replicaA.DeliverAsync(original);
        await replicaA.DeliverAsync(original);
        await replicaB.DeliverAsync(original with { Receiver = "another-receiver" });

        await replicaA.DeliverAsync(original);

        await using IncidentsDbContext context = db.NewContext();
        Incident incident = (await new IncidentQueries(context).FindAsync(opened.Incident, Ct))!;
        Assert.Equal(original.Receiver, incident.Receiver);
    }

    [Fact]
    public void Beyond_its_size_the_index_forgets_the_least_recently_used_group()
    {
        var index = new RepeatedDeliveryIndex(2);
        DeliveryHash a = DeliveryHash.Of(GroupWithKey("a", Firing("aaaa")));
        DeliveryHash b = DeliveryHash.Of(GroupWithKey("b", Firing("bbbb")));
        DeliveryHash c = DeliveryHash.Of(GroupWithKey("c", Firing("cccc")));
        index.Remember(a, new IncidentStamp(1, 3));
        index.Remember(b, new IncidentStamp(2, 3));
        index.Find(a);

        index.Remember(c, new IncidentStamp(3, 3));

        IncidentStamp?[] expected = [new IncidentStamp(1, 3), null, new IncidentStamp(3, 3)];
        Assert.Equal(expected, [index.Find(a), index.Find(b), index.Find(c)]);
    }

    [Fact]
    public void Another_delivery_of_a_remembered_group_is_not_found()
    {
        var index = new RepeatedDeliveryIndex(10);
        index.Remember(DeliveryHash.Of(Group(Firing("aaaa"))), new IncidentStamp(1, 3));

        Assert.Null(index.Find(DeliveryHash.Of(Group(Firing("aaaa", summary: "Another summary")))));
        Assert.Null(index.Find(DeliveryHash.Of(Group(Firing("aaaa"), Firing("bbbb")))));
        Assert.Equal(new IncidentStamp(1, 3), index.Find(DeliveryHash.Of(Group(Firing("aaaa")))));
    }

    [Fact]
    public void An_index_of_size_zero_remembers_nothing()
    {
        var index = new RepeatedDeliveryIndex(0);
        DeliveryHash delivery = DeliveryHash.Of(Group(Firing("aaaa")));

        index.Remember(delivery, new IncidentStamp(1, 3));

        Assert.Null(index.Find(delivery));
    }
}
