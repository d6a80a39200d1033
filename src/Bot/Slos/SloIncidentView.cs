using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Slos;

namespace ChatOpsIncidents.Bot.Slos;

/// <summary>An incident an SLO's burn-rate alert opened, and the SLO's error budget it found and left.</summary>
/// <param name="BudgetAtOpen">The error budget left over the period when it opened, in percent of the budget; null until read or when unknown.</param>
/// <param name="BudgetAtResolve">The same when it was resolved.</param>
/// <param name="BudgetConsumed">How much of the budget it used, in points of percent; null until both are known.</param>
public sealed record SloIncidentView(
    string Key,
    string Title,
    string Severity,
    string Status,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ResolvedAt,
    double? BudgetAtOpen,
    double? BudgetAtResolve,
    double? BudgetConsumed)
{
    public static SloIncidentView From(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        IncidentSlo slo = incident.Slo ?? throw new ArgumentException($"{incident.Key} was not opened by an SLO's alert.", nameof(incident));
        return new SloIncidentView(
            incident.Key.ToString(),
            incident.Title,
            incident.Severity.ToDisplay(),
            incident.Status.ToString(),
            incident.OpenedAt,
            incident.ResolvedAt,
            SloView.Shown(slo.AtOpen?.BudgetRemaining * 100),
            SloView.Shown(slo.AtResolve?.BudgetRemaining * 100),
            SloView.Shown(slo.BudgetConsumed * 100));
    }
}
