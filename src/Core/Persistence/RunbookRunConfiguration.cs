using System.Text.Json;
using ChatOpsIncidents.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class RunbookRunConfiguration : IEntityTypeConfiguration<RunbookRun>
{
    private static readonly ValueComparer<List<RunStep>> s_stepsByContent = new(
        (left, right) => left != null && right != null && left.SequenceEqual(right),
        steps => steps.Aggregate(0, HashCode.Combine),
        steps => steps.ToList());

    public void Configure(EntityTypeBuilder<RunbookRun> run)
    {
        run.ToTable("RunbookRuns");
        run.HasKey(r => r.Id);
        run.Ignore(r => r.StartedBy);
        run.Ignore(r => r.Incident);
        run.Ignore(r => r.IsRunning);
        run.Property(r => r.RunbookId).HasMaxLength(128);
        run.Property(r => r.Target).HasMaxLength(RunbookRun.MaxTargetLength);
        run.Property(r => r.ActiveTarget).HasMaxLength(RunbookRun.MaxTargetLength);
        run.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        run.Property(r => r.StartedByKind).HasConversion<string>().HasMaxLength(16);
        run.Property(r => r.StartedById).HasMaxLength(128);
        run.Property(r => r.StartedByName).HasMaxLength(256);
        run.Property(r => r.Owner).HasMaxLength(128);
        run.Property(r => r.Parameters).StoredAsJson();
        run.Property(r => r.Steps)
            .HasConversion(
                steps => JsonSerializer.Serialize(steps, RunsJsonContext.Default.ListRunStep),
                json => JsonSerializer.Deserialize(json, RunsJsonContext.Default.ListRunStep) ?? new List<RunStep>(),
                s_stepsByContent)
            .IsRequired();

        run.HasIndex(r => r.ActiveTarget).IsUnique();
        run.HasIndex(r => new { r.RunbookId, r.TriggerEntryId }).IsUnique();
        run.HasIndex(r => new { r.RunbookId, r.StartedAt });
        run.HasIndex(r => r.Status);
    }
}
