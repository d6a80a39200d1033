using ChatOpsIncidents.Core.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> alert)
    {
        alert.HasKey(a => a.Id);
        alert.Property(a => a.Fingerprint).HasMaxLength(Alert.MaxFingerprintLength);
        alert.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        alert.Property(a => a.Labels).StoredAsJson();
        alert.Property(a => a.Annotations).StoredAsJson();
        alert.Ignore(a => a.AlertName);
        alert.Ignore(a => a.Summary);
        alert.HasIndex(a => new { a.IncidentId, a.Fingerprint }).IsUnique();
    }
}
