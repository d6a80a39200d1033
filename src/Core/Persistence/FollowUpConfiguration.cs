using ChatOpsIncidents.Core.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> followUp)
    {
        followUp.HasOne(f => f.Incident).WithMany().HasForeignKey(f => f.IncidentId).OnDelete(DeleteBehavior.Restrict);
        followUp.HasIndex(f => f.IncidentId);
        followUp.Property(f => f.Owner).HasMaxLength(64);
        followUp.Property(f => f.AddedBy).HasMaxLength(64);
        followUp.Property(f => f.Tracker).HasMaxLength(256);
        followUp.Property(f => f.IssueKey).HasMaxLength(64);
        followUp.Property(f => f.IssueUrl).HasMaxLength(2048);
        followUp.Property(f => f.LastError).HasMaxLength(FollowUp.MaxErrorLength);
        followUp.Property(f => f.DueAt).IsConcurrencyToken();
        followUp.HasIndex(f => f.DueAt);
    }
}
