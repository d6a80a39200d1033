using ChatOpsIncidents.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class WeeklyReportConfiguration : IEntityTypeConfiguration<WeeklyReport>
{
    public void Configure(EntityTypeBuilder<WeeklyReport> report)
    {
        report.HasKey(r => r.Name);
        report.Property(r => r.Name).HasMaxLength(64);
        report.Property(r => r.DueAt).IsConcurrencyToken();
    }
}
