using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Documents;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Events;
using ChatOpsIncidents.Core.FollowUps;
using ChatOpsIncidents.Core.Heartbeats;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Maintenance;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Postmortems;
using ChatOpsIncidents.Core.Reports;
using ChatOpsIncidents.Core.Requests;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Core.Storms;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Persistence;

/// <summary>
/// The incident database. The bot works with this context; each provider's migrations belong to a subclass of it
/// (<see cref="Migrations.MigrationsContext"/>).
/// </summary>
public class IncidentsDbContext : DbContext
{
    private readonly Dictionary<AfterCommitInterceptor, PendingCommitActions> _pendingCommitActions = [];

    public IncidentsDbContext(DbContextOptions<IncidentsDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's migrations context: the same model, on <paramref name="options"/>' database.</summary>
    protected IncidentsDbContext(DatabaseOptions options)
        : base(CoreServiceCollectionExtensions.UseDatabase(new DbContextOptionsBuilder(), options).Options)
    {
    }

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();

    public DbSet<IncidentDelivery> Deliveries => Set<IncidentDelivery>();

    public DbSet<RunbookRun> RunbookRuns => Set<RunbookRun>();

    public DbSet<PendingRunbookRun> PendingRunbookRuns => Set<PendingRunbookRun>();

    public DbSet<IncidentEscalation> Escalations => Set<IncidentEscalation>();

    public DbSet<Postmortem> Postmortems => Set<Postmortem>();

    public DbSet<Page> Pages => Set<Page>();

    public DbSet<FinalResolution> FinalResolutions => Set<FinalResolution>();

    public DbSet<HandledRequest> HandledRequests => Set<HandledRequest>();

    public DbSet<StoredEvent> Events => Set<StoredEvent>();

    public DbSet<Storm> Storms => Set<Storm>();

    public DbSet<StormRollMessage> StormRollMessages => Set<StormRollMessage>();

    public DbSet<Heartbeat> Heartbeats => Set<Heartbeat>();

    public DbSet<FollowUp> FollowUps => Set<FollowUp>();

    public DbSet<ChannelMessage> ChannelMessages => Set<ChannelMessage>();

    public DbSet<WeeklyReport> WeeklyReports => Set<WeeklyReport>();

    public DbSet<MaintenanceWindow> MaintenanceWindows => Set<MaintenanceWindow>();

    public DbSet<StoredDocument> StoredDocuments => Set<StoredDocument>();

    /// <summary>What <paramref name="interceptor"/> is to do once this context's current save or transaction commits.</summary>
    internal PendingCommitActions PendingCommitActionsOf(AfterCommitInterceptor interceptor)
    {
        if (!_pendingCommitActions.TryGetValue(interceptor, out PendingCommitActions? pending))
        {
            pending = new PendingCommitActions();
            _pendingCommitActions[interceptor] = pending;
        }
        return pending;
    }

    /// <summary>
    /// Also ends the context's use in a pool (<c>AddDbContextPool</c>): EF Core resets its own state when the pool takes the context
    /// back, but not this class's, so what the after-commit interceptors still have pending (a transaction disposed without a
    /// commit or a rollback leaves it) is dropped here, before the context can be rented again.
    /// </summary>
    public override void Dispose()
    {
        _pendingCommitActions.Clear();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override ValueTask DisposeAsync()
    {
        _pendingCommitActions.Clear();
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite cannot order DateTimeOffset text; UTC ticks order and compare correctly.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
        else if (Database.IsNpgsql())
        {
            configurationBuilder.Properties<string>().HaveConversion<NulFreeTextConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IncidentsDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            // Title search (ILIKE '%text%') through trigrams; SQLite has its own trigram table, made by its migration.
            modelBuilder.HasPostgresExtension("pg_trgm");
            modelBuilder.Entity<Incident>().HasIndex(i => i.Title, "IX_Incidents_Title_Trigrams").HasMethod("gin").HasOperators("gin_trgm_ops");
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareChanges();
        if (Database.CurrentTransaction is not null || !Database.IsSqlite())
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        await using WriteTransaction transaction = await WriteTransaction.BeginAsync(this, cancellationToken); // waits its turn to write
        int saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>
    /// Refuses timeline rewrites, and gives every new incident its delivery cursor in the same transaction, so
    /// nothing that must be told about it can be missed.
    /// </summary>
    private void PrepareChanges()
    {
        TimelineGuard.RefuseRewrites(ChangeTracker);
        foreach (Incident incident in ChangeTracker.Entries<Incident>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList())
        {
            Deliveries.Add(new IncidentDelivery(incident));
        }
    }
}
