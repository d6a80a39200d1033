using ChatOpsIncidents.Core.Heartbeats;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class HeartbeatConfiguration : IEntityTypeConfiguration<Heartbeat>
{
    public void Configure(EntityTypeBuilder<Heartbeat> heartbeat)
    {
        heartbeat.HasKey(h => h.Name);
        heartbeat.Property(h => h.Name).HasMaxLength(64);
        heartbeat.HasOne(h => h.SilentIncident).WithMany().HasForeignKey(h => h.SilentIncidentId).OnDelete(DeleteBehavior.Restrict);
        heartbeat.Property(h => h.DueAt).IsConcurrencyToken();
        heartbeat.HasIndex(h => h.DueAt);
    }
}
