using ChatOpsIncidents.Core.Events;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class StoredEventConfiguration : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> stored)
    {
        stored.ToTable("Events");
        stored.HasKey(e => e.Id);
        stored.Property(e => e.Integration).HasMaxLength(TextLimits.Service);
        stored.Property(e => e.Service).HasMaxLength(TextLimits.Service);
        stored.Property(e => e.Action).HasConversion<string>().HasMaxLength(16);
        stored.Property(e => e.DedupKey).HasMaxLength(StoredEvent.MaxDedupKeyLength);
        stored.Property(e => e.Severity).HasConversion<string>().HasMaxLength(16);
        stored.Property(e => e.Summary).HasMaxLength(StoredEvent.MaxSummaryLength);
        stored.Property(e => e.Source).HasMaxLength(TextLimits.LabelValue);
        stored.Property(e => e.Component).HasMaxLength(TextLimits.LabelValue);
        stored.Property(e => e.Group).HasMaxLength(TextLimits.LabelValue);
        stored.Property(e => e.Class).HasMaxLength(TextLimits.LabelValue);
        stored.Property(e => e.Url).HasMaxLength(TextLimits.Url);
        stored.Property(e => e.Details).HasMaxLength(StoredEvent.MaxDetailsLength);
        stored.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.SetNull);
        stored.HasIndex(e => e.ReceivedAt);
        stored.HasIndex(e => e.DedupKey);
    }
}
