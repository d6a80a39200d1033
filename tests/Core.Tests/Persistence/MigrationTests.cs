using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Persistence.Migrations;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Tests.Persistence;

public sealed class MigrationTests(PostgresServer postgres)
{
    /// <summary>
    /// The first migrations were written by hand and generated ones may be edited: this proves that together they build
    /// exactly the schema the model expects.
    /// </summary>
    [Theory, OnEveryDatabase]
    public async Task The_migrated_schema_equals_the_schema_of_the_current_model(DatabaseProvider provider)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb migrated = await TestDb.CreateAsync(provider, postgres, ct);
        await using TestDb fromModel = await TestDb.CreateAsync(provider, postgres, ct);
        await using IncidentsDbContext modelContext = fromModel.NewContext();
        await modelContext.Database.EnsureDeletedAsync(ct);
        await modelContext.Database.EnsureCreatedAsync(ct);
        await using IncidentsDbContext migratedContext = migrated.NewContext();

        List<string> expected = await SchemaSnapshot.ReadAsync(modelContext, provider, ct);
        List<string> actual = await SchemaSnapshot.ReadAsync(migratedContext, provider, ct);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        Assert.Empty(await migratedContext.Database.GetPendingMigrationsAsync(ct));
    }

    /// <summary>What <c>dotnet ef migrations add</c> compares the model with: were they apart, the next migration would carry unrelated changes.</summary>
    [Theory, OnEveryDatabase]
    public async Task The_model_snapshot_of_each_provider_matches_the_model(DatabaseProvider provider)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, ct);
        await using IncidentsDbContext context = MigrationsContext.For(db.Options);

        Assert.False(context.Database.HasPendingModelChanges());
    }

    [Theory, OnEveryDatabase]
    public async Task The_database_refuses_to_change_or_delete_timeline_entries(DatabaseProvider provider)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, ct);
        await using IncidentsDbContext context = db.NewContext();
        context.Incidents.Add(Incident.Declare(new DeclaredIncident("Checkout is down", Severity.Sev2), Actor.System, DateTimeOffset.UnixEpoch));
        await context.SaveChangesAsync(ct);

        Exception update = await Assert.ThrowsAnyAsync<Exception>(() => context.Database.ExecuteSqlRawAsync("UPDATE \"TimelineEntries\" SET \"Text\" = 'rewritten'", ct));
        Exception delete = await Assert.ThrowsAnyAsync<Exception>(() => context.Database.ExecuteSqlRawAsync("DELETE FROM \"TimelineEntries\"", ct));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal("Declared SEV2: Checkout is down", await context.TimelineEntries.Select(e => e.Text).SingleAsync(ct));
    }

    [Fact]
    public async Task The_context_refuses_to_save_a_changed_timeline_entry()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, ct);
        await using IncidentsDbContext context = db.NewContext();
        context.Incidents.Add(Incident.Declare(new DeclaredIncident("Checkout is down", Severity.Sev2), Actor.System, DateTimeOffset.UnixEpoch));
        await context.SaveChangesAsync(ct);
        TimelineEntry entry = await context.TimelineEntries.SingleAsync(ct);

        context.Entry(entry).Property(e => e.Text).CurrentValue = "rewritten";

        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync(ct));
    }
}
