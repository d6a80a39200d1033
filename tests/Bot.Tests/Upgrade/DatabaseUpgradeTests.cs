using System.Net;
using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Persistence.Migrations;
using ChatOpsIncidents.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatOpsIncidents.Bot.Tests.Upgrade;

/// <summary>
/// The databases in Databases/ were made by the bot as it was before its migrations were generated (the five hand-written
/// ones; sqlite3's .dump and pg_dump --inserts --no-owner of a bot that took the example firing webhook, a declared SEV2,
/// acknowledged and resolved INC-1 and paged U024BE7LH for both through an escalation policy). The current bot must start
/// on them, apply what is new and keep everything.
/// </summary>
public sealed class DatabaseUpgradeTests(PostgresServer postgres) : IDisposable
{
    private static readonly string[] s_handWritten =
        ["20261122080000_Initial", "20261122090000_IncidentDeliveries", "20261203070000_RunbookRuns", "20261203080000_EscalationsAndPostmortems", "20261203090000_Pages"];

    /// <summary>
    /// Shortly after the dumps were made (INC-1 was resolved at 2026-12-06 21:32 UTC): what they scheduled (INC-1's postmortem
    /// reminders from 24 h on, INC-2's next escalation step) is still to come, as for a bot upgraded right after it stopped,
    /// whatever day the test runs.
    /// </summary>
    private static readonly DateTimeOffset s_upgradedAt = new(2026, 12, 6, 22, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("upgrade-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_database_made_by_the_hand_written_migrations_is_upgraded_at_start_and_keeps_every_incident_alert_entry_and_page(DatabaseProvider provider)
    {
        await using var bot = new BotHost(await RestoreAsync(provider), new ManualTimeProvider(s_upgradedAt));
        HttpClient client = bot.CreateClient();

        IncidentListView list = await bot.ListIncidentsAsync();
        IncidentDetailsView resolved = await bot.GetIncidentAsync("INC-1");
        IncidentDetailsView declared = await bot.GetIncidentAsync("INC-2");
        string draft = await client.GetStringAsync("/api/incidents/INC-1/postmortem", Ct);

        Assert.Equal(["INC-2", "INC-1"], list.Items.Select(i => i.Key));
        Assert.Equal(
            ("Pod payments/checkout-api-7c9d8f6b5-x2kqz is crash looping", "resolved", "SEV1", "kube-state-metrics", "payments"),
            (resolved.Incident.Title, resolved.Incident.Status, resolved.Incident.Severity, resolved.Incident.Service, resolved.Incident.Namespace));
        Assert.True(resolved.Incident.SecondsToResolve > resolved.Incident.SecondsToAcknowledge && resolved.Incident.SecondsToAcknowledge > 0);
        Assert.Equal(["0927f4d13f3acbff", "0bce0348e526ad89"], resolved.Alerts.Select(a => a.Fingerprint).Order());
        Assert.Equal("Container checkout-api restarted 6 times in the last 10 minutes.", resolved.Alerts.Single(a => a.Fingerprint == "0bce0348e526ad89").Annotations["description"]);
        Assert.Equal(
            ["Opened", "AlertFiring", "AlertFiring", "EscalationStep", "Acknowledged", "Resolved", "PostmortemDrafted"],
            resolved.Timeline.Select(e => e.Kind));
        Assert.Equal("Resolved: rolled back", resolved.Timeline[5].Text);
        Assert.Equal("U024BE7LH", Assert.Single(resolved.Pages).Recipient);
        Assert.Contains("- Severity: SEV1\n- Services: kube-state-metrics", draft, StringComparison.Ordinal);
        Assert.Equal(
            ("Checkout returns 502s", "triggered", "SEV2", "checkout", "UALICE", "Half of all checkout requests fail."),
            (declared.Incident.Title, declared.Incident.Status, declared.Incident.Severity, declared.Incident.Service, declared.Incident.Commander, declared.Description));
        Assert.Equal(["Opened", "EscalationStep"], declared.Timeline.Select(e => e.Kind));
        Assert.Single(declared.Pages);

        await using (AsyncServiceScope scope = bot.Services.CreateAsyncScope())
        {
            IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
            List<string> applied = [.. await db.Database.GetAppliedMigrationsAsync(Ct)];
            Assert.Equal(s_handWritten, applied[..5]);
            await using IncidentsDbContext migrations = MigrationsContext.For(scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value);
            Assert.Equal([.. migrations.Database.GetMigrations()], applied);
            Assert.Equal(1, await db.Postmortems.CountAsync(Ct));
        }
        // New rows carry on after the old ones: a new incident, and entries for the old one's alerts resolving.
        HttpResponseMessage answer = await client.PostAsJsonAsync("/api/incidents", new { title = "After the upgrade", severity = "SEV3", by = "alice" }, Ct);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        Assert.EndsWith("/api/incidents/INC-3", answer.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostWebhookAsync(Payloads.Resolved)).StatusCode);
        Assert.Equal(resolved.Timeline.Count + 2, (await bot.GetIncidentAsync("INC-1")).Timeline.Count);
    }

    /// <summary>The dump of <paramref name="provider"/> loaded into a new database; the bot's settings for it.</summary>
    private async Task<Dictionary<string, string?>> RestoreAsync(DatabaseProvider provider)
    {
        string dump = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Upgrade", "Databases", $"{provider.ToString().ToLowerInvariant()}.sql"), Ct);
        if (provider == DatabaseProvider.Sqlite)
        {
            string path = Path.Combine(_folder, "incidents.db");
            await using (var sqlite = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await sqlite.OpenAsync(Ct);
                await using SqliteCommand restore = sqlite.CreateCommand();
                restore.CommandText = dump;
                await restore.ExecuteNonQueryAsync(Ct);
            }
            return new() { ["Database:SqlitePath"] = path };
        }
        postgres.RequireAvailable();
        string connectionString = await postgres.CreateDatabaseAsync(Ct);
        // The dump empties search_path for its session: a connection of its own, not returned to a pool.
        await using (var pg = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString))
        {
            await pg.OpenAsync(Ct);
            await using NpgsqlCommand restore = pg.CreateCommand();
            restore.CommandText = dump;
            await restore.ExecuteNonQueryAsync(Ct);
        }
        return new() { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Incidents"] = connectionString };
    }
}
