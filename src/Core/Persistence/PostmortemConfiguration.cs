using ChatOpsIncidents.Core.Postmortems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class PostmortemConfiguration : IEntityTypeConfiguration<Postmortem>
{
    public void Configure(EntityTypeBuilder<Postmortem> postmortem)
    {
        postmortem.HasKey(p => p.IncidentId);
        postmortem.HasOne(p => p.Incident).WithOne().HasForeignKey<Postmortem>(p => p.IncidentId).OnDelete(DeleteBehavior.Restrict);
        postmortem.Property(p => p.IncidentId).ValueGeneratedNever();
        postmortem.Property(p => p.Owner).HasMaxLength(64);
        postmortem.Ignore(p => p.IsCompleted);
        postmortem.Property(p => p.DueAt).HasColumnName("NextReminderAt").IsConcurrencyToken();
        postmortem.HasIndex(p => p.DueAt);
        postmortem.HasIndex(p => new { p.ResolvedAt, p.CompletedAt }); // completion within 72 hours of the resolutions of a period, counted from this index alone
    }
}
