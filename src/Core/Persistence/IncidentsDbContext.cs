using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Persistence;

public sealed class IncidentsDbContext(DbContextOptions<IncidentsDbContext> options) : DbContext(options)
{
    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite cannot order DateTimeOffset text; UTC ticks order and compare correctly.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfigurationsFromAssembly(typeof(IncidentsDbContext).Assembly);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        TimelineGuard.RefuseRewrites(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        TimelineGuard.RefuseRewrites(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}
