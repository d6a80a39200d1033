using ChatOpsIncidents.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class IncidentDeliveryConfiguration : IEntityTypeConfiguration<IncidentDelivery>
{
    public void Configure(EntityTypeBuilder<IncidentDelivery> delivery)
    {
        delivery.ToTable("IncidentDeliveries");
        delivery.HasKey(d => d.IncidentId);
        delivery.HasOne(d => d.Incident).WithOne().HasForeignKey<IncidentDelivery>(d => d.IncidentId).OnDelete(DeleteBehavior.Restrict);
        delivery.Property(d => d.IncidentId).ValueGeneratedNever();
        delivery.Property(d => d.ChannelId).HasMaxLength(64);
        delivery.Property(d => d.CardMessageId).HasMaxLength(64);
        delivery.Property(d => d.CardDigest).HasMaxLength(64);
        delivery.Property(d => d.PostmortemDraftFileId).HasMaxLength(64);
        delivery.Property(d => d.TopicDigest).HasMaxLength(64);
        delivery.Property(d => d.LeaseOwner).HasMaxLength(128);
        delivery.HasIndex(d => d.NextAttemptAt);
        delivery.HasIndex(d => d.ChannelId);
    }
}
