using ChatOpsIncidents.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> entry)
    {
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        entry.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(16);
        entry.Property(e => e.ActorId).HasMaxLength(128);
        entry.Property(e => e.ActorName).HasMaxLength(256);
        entry.Property(e => e.OnBehalfOf).HasMaxLength(TextLimits.Person);
        entry.Ignore(e => e.Actor);
        entry.Ignore(e => e.RecipientIds);
        entry.HasIndex(e => new { e.IncidentId, e.Id });
    }
}
