using ChatOpsIncidents.Core.Slos;

namespace ChatOpsIncidents.Bot.Slos;

/// <summary>One pair of windows of a burn-rate alert and how fast the budget burns over each.</summary>
/// <param name="Severity">"page" or "ticket".</param>
/// <param name="Alert">The alert's name, or null when the spec disables it.</param>
/// <param name="BurnRateThreshold">The burn rate both windows must exceed for the alert to fire.</param>
/// <param name="BudgetPercent">The share of the period's budget the long window has used when it fires, in percent.</param>
/// <param name="Exceeded">True while both windows burn faster than the threshold (the alert's condition holds); null when unknown.</param>
public sealed record SloWindowView(
    string Severity,
    string? Alert,
    string ShortWindow,
    string LongWindow,
    double BurnRateThreshold,
    double BudgetPercent,
    double? ShortBurnRate,
    double? LongBurnRate,
    bool? Exceeded)
{
    public static SloWindowView From(BurnRateWindow window, SloStatus status)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(status);
        double? shortBurn = status.BurnRateOver(window.ShortWindow);
        double? longBurn = status.BurnRateOver(window.LongWindow);
        return new SloWindowView(
            SlothNames.SeverityValue(window.Severity),
            status.Slo.AlertOf(window.Severity)?.Name,
            window.ShortWindow.Name,
            window.LongWindow.Name,
            window.Factor,
            window.BudgetPercent,
            SloView.Shown(shortBurn),
            SloView.Shown(longBurn),
            shortBurn is { } s && longBurn is { } l ? s > window.Factor && l > window.Factor : null);
    }
}
