using ChatOpsIncidents.Core.Slos;

namespace ChatOpsIncidents.Bot.Slos;

/// <summary>An SLO and how it stands. Percentages and burn rates are rounded to 2 decimals, as shown.</summary>
/// <param name="Id">Sloth's id, <c>&lt;service&gt;-&lt;name&gt;</c>: the <c>sloth_id</c> label of its rules and alerts.</param>
/// <param name="Objective">The promise, in percent.</param>
/// <param name="Period">The period the error budget covers, such as "30d".</param>
/// <param name="ErrorBudget">The share of events that may fail over the period, in percent (100 − objective).</param>
/// <param name="BudgetRemaining">The error budget left over the period, in percent of the budget: 100 untouched, negative when overspent; null when unknown.</param>
/// <param name="BurnRate">How fast the budget burns over the last 5 minutes: 1 spends exactly the budget over the period; null when unknown.</param>
/// <param name="Unknown">Why figures are null ("budget unknown"), or null.</param>
/// <param name="Windows">The burn-rate alert windows, with the burn rate over each.</param>
public sealed record SloView(
    string Id,
    string Service,
    string Name,
    string? Description,
    double Objective,
    string Period,
    double ErrorBudget,
    double? BudgetRemaining,
    double? BurnRate,
    string? Unknown,
    IReadOnlyList<SloWindowView> Windows)
{
    /// <summary>With one SLO (<c>GET /api/slos/{id}</c>): the latest incidents its alerts opened, newest first; null in the list.</summary>
    public IReadOnlyList<SloIncidentView>? Incidents { get; init; }

    public static SloView From(SloStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        Slo slo = status.Slo;
        return new SloView(
            slo.Id,
            slo.Service,
            slo.Name,
            slo.Description,
            slo.Objective,
            SloWindow.Period.Name,
            Shown(slo.ErrorBudget * 100)!.Value,
            Shown(status.BudgetRemaining * 100),
            Shown(status.BurnRate),
            status.Unknown,
            [.. BurnRateWindow.All.Select(window => SloWindowView.From(window, status))]);
    }

    /// <summary>Rounded to the 2 decimals the bot shows.</summary>
    public static double? Shown(double? value) => value is { } number ? Math.Round(number, 2) : null;
}
