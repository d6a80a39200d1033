using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Storms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class StormRollMessageConfiguration : IEntityTypeConfiguration<StormRollMessage>
{
    public void Configure(EntityTypeBuilder<StormRollMessage> message)
    {
        message.HasOne<Incident>().WithMany().HasForeignKey(m => m.StormIncidentId).OnDelete(DeleteBehavior.Restrict);
        message.Property(m => m.ChannelId).HasMaxLength(64);
        message.Property(m => m.MessageId).HasMaxLength(64);
        message.Property(m => m.Digest).HasMaxLength(64);
        message.HasIndex(m => m.StormIncidentId);
    }
}
