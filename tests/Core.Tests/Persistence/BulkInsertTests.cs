using System.Data.Common;
using System.Globalization;
using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Slos;
using ChatOpsIncidents.Core.Tests.Alerts;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static ChatOpsIncidents.Core.Tests.Alerts.AlertSignals;

namespace ChatOpsIncidents.Core.Tests.Persistence;

/// <summary>The alert intake writes new alerts and timeline entries past the change tracker (<see cref="BulkInsert"/>).</summary>
public sealed class BulkInsertTests(PostgresServer postgres)
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Values every conversion touches: JSON labels with quotes and non-ASCII text, an end time and none, a NUL (PostgreSQL text refuses it).</summary>
    private static AlertGroupSignal Varied() => Group(
        Firing("aaaa") with
        {
            Labels = new Dictionary<string, string> { ["alertname"] = "KubePodCrashLooping", ["pod"] = "checkout \"api\" ünïcode" },
            Annotations = new Dictionary<string, string> { ["summary"] = "Crash\0looping", ["runbook"] = "https://runbooks.example/crash" },
            GeneratorUrl = "http://prometheus.example:9090/graph\0",
        },
        Firing("bbbb", StartsAt.AddMinutes(-3)).Resolved(StartsAt.AddMinutes(-1)),
        Firing("cccc", StartsAt.AddSeconds(5)) with { GeneratorUrl = null });

    [Theory, OnEveryDatabase]
    public async Task The_intake_stores_the_rows_the_change_tracker_would_have_stored(DatabaseProvider provider)
    {
        await using TestDb bulk = await TestDb.CreateAsync(provider, postgres, Ct);
        await using TestDb tracked = await TestDb.CreateAsync(provider, postgres, Ct);
        AlertGroupSignal group = AlertIntakeService.ForStorage(Varied());

        AlertIntakeResult result = await new IntakeHarness(bulk, _time).DeliverAsync(group);
        await using (IncidentsDbContext context = tracked.NewContext())
        {
            context.Incidents.Add(OpenedByHand(group)); // what the intake's domain calls make, saved by EF Core alone
            await context.SaveChangesAsync(Ct);
        }

        Assert.Equal(AlertIntakeOutcome.Opened, result.Outcome);
        foreach (string table in new[] { "Alerts", "TimelineEntries", "Incidents" })
        {
            List<string> expected = await RowsAsync(tracked, table);
            Assert.InRange(expected.Count, table == "Alerts" ? 3 : table == "TimelineEntries" ? 4 : 1, table == "Incidents" ? 1 : 5); // opened, three alerts, maybe the severity raised
            Assert.Equal(expected, await RowsAsync(bulk, table));
        }
    }

    [Theory, OnEveryDatabase]
    public async Task A_group_with_more_alerts_than_one_statement_binds_is_stored_whole_with_its_timeline_in_order(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        AlertSignal[] alerts = [.. Enumerable.Range(0, 1300).Select(n => Firing(n.ToString("x4", CultureInfo.InvariantCulture)))];

        AlertIntakeResult result = await new IntakeHarness(db, _time).DeliverAsync(Group(alerts));

        await using IncidentsDbContext context = db.NewContext();
        Assert.Equal(1300, await context.Alerts.CountAsync(a => a.IncidentId == result.Incident.Number, Ct));
        List<string> timeline = await context.TimelineEntries.Where(e => e.IncidentId == result.Incident.Number).OrderBy(e => e.Id).Select(e => e.Text).ToListAsync(Ct);
        Assert.StartsWith("Opened", timeline[0], StringComparison.Ordinal);
        Assert.Equal([.. alerts.Select(a => $"Alert firing: Pod checkout-api-{a.Fingerprint} is crash looping")], timeline.Skip(1));
    }

    private Incident OpenedByHand(AlertGroupSignal group)
    {
        DateTimeOffset now = _time.GetStorableUtcNow();
        IOptions<IncidentOptions> options = Options.Create(new IncidentOptions());
        var classifier = new AlertClassifier(options, new SloCatalog([]));
        Incident incident = Incident.OpenFromAlerts(group, classifier.Describe(group), group.Alerts.Min(a => a.StartsAt), now);
        incident.UpdateGroupDetails(group);
        foreach (AlertSignal signal in group.Alerts.OrderBy(a => a.StartsAt).ThenBy(a => a.Fingerprint, StringComparer.Ordinal))
        {
            incident.AttachAlert(new Alert(signal), now);
            if (signal.Status == AlertStatus.Firing)
            {
                incident.RaiseSeverityFromAlert(classifier.SeverityOf(signal), signal.AlertName ?? signal.Fingerprint, now);
            }
        }
        return incident;
    }

    /// <summary>Every column of every row, as the database returns it, in id order.</summary>
    private static async Task<List<string>> RowsAsync(TestDb db, string table)
    {
        await using IncidentsDbContext context = db.NewContext();
        await context.Database.OpenConnectionAsync(Ct);
        await using DbCommand command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY \"Id\"";
        await using DbDataReader reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i =>
                $"{reader.GetName(i)}={Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)}")));
        }
        return rows;
    }
}
