using ChatOpsIncidents.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class FinalResolutionConfiguration : IEntityTypeConfiguration<FinalResolution>
{
    public void Configure(EntityTypeBuilder<FinalResolution> resolution)
    {
        resolution.HasKey(r => r.IncidentId);
        resolution.HasOne(r => r.Incident).WithOne().HasForeignKey<FinalResolution>(r => r.IncidentId).OnDelete(DeleteBehavior.Restrict);
        resolution.Property(r => r.IncidentId).ValueGeneratedNever();
        resolution.Property(r => r.DueAt).IsConcurrencyToken();
        resolution.HasIndex(r => r.DueAt);
    }
}
