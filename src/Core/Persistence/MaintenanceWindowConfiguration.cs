using ChatOpsIncidents.Core.Maintenance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class MaintenanceWindowConfiguration : IEntityTypeConfiguration<MaintenanceWindow>
{
    public void Configure(EntityTypeBuilder<MaintenanceWindow> window)
    {
        window.HasKey(w => w.SilenceId);
        window.Property(w => w.SilenceId).HasMaxLength(MaintenanceWindow.MaxSilenceIdLength);
        window.Property(w => w.Matchers).HasMaxLength(MaintenanceWindow.MaxMatchersLength);
        window.Property(w => w.Reason).HasMaxLength(MaintenanceWindow.MaxReasonLength);
        window.Property(w => w.CreatedBy).HasMaxLength(MaintenanceWindow.MaxPersonLength);
        window.Property(w => w.CancelledBy).HasMaxLength(MaintenanceWindow.MaxPersonLength);
        window.Property(w => w.DueAt).IsConcurrencyToken();
        window.HasIndex(w => w.DueAt);
    }
}
