using ChatOpsIncidents.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    /// <summary>At most one open incident per Alertmanager group: two deliveries racing to open one collide here.</summary>
    public const string OpenGroupIndex = "IX_Incidents_OpenGroupKeyHash";

    public void Configure(EntityTypeBuilder<Incident> incident)
    {
        incident.HasKey(i => i.Id);
        incident.Ignore(i => i.Key);
        incident.Property(i => i.Source).HasConversion<string>().HasMaxLength(16);
        incident.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        incident.Property(i => i.Title).HasMaxLength(TextLimits.Title);
        incident.Property(i => i.GroupKeyHash).HasMaxLength(64);
        incident.Property(i => i.CommonLabels).StoredAsJson();
        incident.Property(i => i.SilenceId).HasMaxLength(TextLimits.SilenceId);
        incident.Property(i => i.Version).IsConcurrencyToken();
        incident.ComplexProperty(i => i.AcknowledgedBy, ConfigureActor);
        incident.ComplexProperty(i => i.ResolvedBy, ConfigureActor);

        incident.HasIndex(i => i.GroupKeyHash).IsUnique().HasFilter("\"Status\" <> 'Resolved'").HasDatabaseName(OpenGroupIndex);
        incident.HasIndex(i => new { i.GroupKeyHash, i.Id });
        incident.HasIndex(i => new { i.Status, i.Severity });
        // The dashboard's open incidents, newest first: read from this index alone, however many incidents were resolved.
        incident.HasIndex(i => i.Id).HasFilter("\"Status\" <> 'Resolved'").HasDatabaseName("IX_Incidents_Open");
        // The response sums (/insights, the API's stats, the weekly report) read the incidents of a period from this index alone.
        incident.HasIndex(i => new { i.OpenedAt, i.Severity, i.Service, i.TriggeredAt, i.AcknowledgedAt, i.ResolvedAt }).HasDatabaseName("IX_Incidents_ResponseTimes");
        // The dashboard's service filter: counted from this index, and its pages newest first without reading other services' rows.
        incident.HasIndex(i => new { i.Service, i.Id });
        incident.HasIndex(i => i.SilenceId);
        incident.HasIndex(i => i.StormIncidentId).IsUnique(false); // by convention, the storm's one-to-one with its incident would make it unique

        incident.HasMany(i => i.Alerts).WithOne().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.Restrict);
        incident.HasMany(i => i.Timeline).WithOne().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Restrict);
        incident.Navigation(i => i.Alerts).HasField("_alerts");
        incident.Navigation(i => i.Timeline).HasField("_timeline");

        incident.OwnsOne(i => i.Slo, slo =>
        {
            slo.ToTable("IncidentSlos");
            slo.WithOwner().HasForeignKey("IncidentId");
            slo.Property(s => s.ReadingDueAt).IsConcurrencyToken();
            slo.HasIndex(s => s.ReadingDueAt);
            slo.HasIndex(s => s.SloId);
            slo.OwnsOne(s => s.AtOpen, reading => reading.Property(r => r.Unknown).HasMaxLength(TextLimits.Note));
            slo.OwnsOne(s => s.AtResolve, reading => reading.Property(r => r.Unknown).HasMaxLength(TextLimits.Note));
        });
    }

    /// <summary>An actor kept on the incident, in the shape of a timeline entry's.</summary>
    private static void ConfigureActor(ComplexPropertyBuilder<Actor> actor)
    {
        actor.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        actor.Property(a => a.Id).HasMaxLength(128);
        actor.Property(a => a.Name).HasMaxLength(256);
        actor.Property(a => a.OnBehalfOf).HasMaxLength(TextLimits.Person);
    }
}
