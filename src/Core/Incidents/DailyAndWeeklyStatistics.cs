namespace ChatOpsIncidents.Core.Incidents;

/// <summary>MTTA and MTTR per day by severity, and per week (the first is 0) by the grouping asked for.</summary>
public sealed record DailyAndWeeklyStatistics(IReadOnlyList<PeriodStatistics> PerDay, IReadOnlyList<PeriodStatistics> PerWeek);
