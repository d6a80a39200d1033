using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>
/// What <c>/insights</c> shows for a period of whole UTC days from <see cref="From"/> to today, computed at
/// <see cref="ComputedAt"/>.
/// </summary>
public sealed record InsightsFigures(
    DateTimeOffset From,
    DateTimeOffset ComputedAt,
    DailyAndWeeklyStatistics Response,
    PostmortemCompletion Postmortems,
    AutomaticRemediation Remediation);
