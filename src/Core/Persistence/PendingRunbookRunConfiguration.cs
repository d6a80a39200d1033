using ChatOpsIncidents.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class PendingRunbookRunConfiguration : IEntityTypeConfiguration<PendingRunbookRun>
{
    public void Configure(EntityTypeBuilder<PendingRunbookRun> pending)
    {
        pending.ToTable("PendingRunbookRuns");
        pending.HasKey(p => p.Id);
        pending.Property(p => p.Id).ValueGeneratedNever();
        pending.Property(p => p.RunbookId).HasMaxLength(128);
        pending.Property(p => p.RequestedBy).HasMaxLength(128);
        pending.Property(p => p.Parameters).StoredAsJson();
        pending.HasIndex(p => p.ExpiresAt);
    }
}
