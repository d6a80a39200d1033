using ChatOpsIncidents.Core.Storms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class StormConfiguration : IEntityTypeConfiguration<Storm>
{
    /// <summary>At most one ongoing storm: replicas that detect one at once make one.</summary>
    public const string OngoingIndex = "IX_Storms_Ongoing";

    public void Configure(EntityTypeBuilder<Storm> storm)
    {
        storm.HasKey(s => s.IncidentId);
        storm.HasOne(s => s.Incident).WithOne().HasForeignKey<Storm>(s => s.IncidentId).OnDelete(DeleteBehavior.Restrict);
        storm.Property(s => s.DueAt).IsConcurrencyToken();
        storm.HasIndex(s => s.Ongoing).IsUnique().HasFilter("\"Ongoing\"").HasDatabaseName(OngoingIndex);
        storm.HasIndex(s => s.DueAt);
    }
}
