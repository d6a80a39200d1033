using ChatOpsIncidents.Core.Escalation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class PageConfiguration : IEntityTypeConfiguration<Page>
{
    public void Configure(EntityTypeBuilder<Page> page)
    {
        page.HasOne(p => p.Incident).WithMany().HasForeignKey(p => p.IncidentId).OnDelete(DeleteBehavior.Restrict);
        page.Property(p => p.Channel).HasConversion<string>().HasMaxLength(16);
        page.Property(p => p.Recipient).HasMaxLength(254); // an email address may be that long
        page.Property(p => p.StatusTold).HasConversion<string>().HasMaxLength(16);
        page.Property(p => p.LeaseOwner).HasMaxLength(128);
        page.Property(p => p.Outcome).HasConversion<string>().HasMaxLength(16);
        page.Property(p => p.MessageChannel).HasMaxLength(32);
        page.Property(p => p.MessageTs).HasMaxLength(32);
        // Only pages still to be sent are looked for; the sent ones stay as the record of who was told when.
        page.HasIndex(p => p.NextAttemptAt).HasFilter("\"FinishedAt\" IS NULL");
        page.HasIndex(p => new { p.Recipient, p.FinishedAt }); // whether a person is being paged, or was a moment ago
        page.HasIndex(p => p.IncidentId);
        // Pages whose receiver follows the incident and may be due to be told its new status.
        page.HasIndex(p => p.NextAttemptAt, "IX_Pages_Following").HasFilter("\"StatusTold\" IS NOT NULL AND \"StatusTold\" <> 'Resolved'");
        // Messages whose Acknowledge button is still there: the ones an ack may have to edit.
        page.HasIndex(p => new { p.MessageChannel, p.MessageTs }).HasFilter("\"MessageTs\" IS NOT NULL AND \"MessageClosedAt\" IS NULL");
    }
}
