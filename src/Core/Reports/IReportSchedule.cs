namespace ChatOpsIncidents.Core.Reports;

/// <summary>When the weekly report is due (WeeklyReport:Day, Time and TimeZone); the host computes it with its scheduler's calendar.</summary>
public interface IReportSchedule
{
    /// <summary>The first time the report is due strictly after <paramref name="after"/>.</summary>
    DateTimeOffset NextAfter(DateTimeOffset after);
}
