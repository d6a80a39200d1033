using ChatOpsIncidents.Core.DueWork;

namespace ChatOpsIncidents.Core.Reports;

/// <summary>When the weekly report is next due (null while it is off). One row, so replicas share it and post it once.</summary>
public sealed class WeeklyReport : IDueWork
{
    /// <summary>The row's key, and its trigger's name among the due work of its kind.</summary>
    public const string WeeklyName = "weekly";

    private WeeklyReport()
    {
    }

    internal WeeklyReport(DateTimeOffset dueAt)
    {
        Name = WeeklyName;
        DueAt = dueAt;
    }

    public string Name { get; private set; } = "";

    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>When the last report was posted: its week ended then.</summary>
    public DateTimeOffset? LastPostedAt { get; private set; }

    internal void DueNext(DateTimeOffset? dueAt) => DueAt = dueAt;

    internal void Posted(DateTimeOffset weekEnd, DateTimeOffset nextDueAt)
    {
        LastPostedAt = weekEnd;
        DueAt = nextDueAt;
    }
}
