using ChatOpsIncidents.Core.Escalation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class IncidentEscalationConfiguration : IEntityTypeConfiguration<IncidentEscalation>
{
    public void Configure(EntityTypeBuilder<IncidentEscalation> escalation)
    {
        escalation.ToTable("IncidentEscalations");
        escalation.HasKey(e => e.IncidentId);
        escalation.HasOne(e => e.Incident).WithOne().HasForeignKey<IncidentEscalation>(e => e.IncidentId).OnDelete(DeleteBehavior.Restrict);
        escalation.Property(e => e.IncidentId).ValueGeneratedNever();
        escalation.Property(e => e.Policy).HasMaxLength(128);
        escalation.Property(e => e.DueAt).HasColumnName("NextStepAt").IsConcurrencyToken();
        escalation.HasIndex(e => e.DueAt);
    }
}
