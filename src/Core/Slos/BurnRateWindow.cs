namespace ChatOpsIncidents.Core.Slos;

/// <summary>
/// One pair of a multiwindow, multi-burn-rate alert (Google SRE workbook, "Alerting on SLOs"): it fires while the error
/// ratio over both windows exceeds <see cref="Factor"/> times the error budget, that is while the long window has used
/// <see cref="BudgetPercent"/>% of the period's budget and the short one shows the burn still goes on.
/// </summary>
public sealed record BurnRateWindow(SloSeverity Severity, SloWindow ShortWindow, SloWindow LongWindow, double Factor, double BudgetPercent)
{
    /// <summary>The workbook's pairs for a 30-day period, as Sloth generates them: two that page, two that open a ticket.</summary>
    public static readonly IReadOnlyList<BurnRateWindow> All =
    [
        new(SloSeverity.Page, SloWindow.FiveMinutes, SloWindow.OneHour, 14.4, 2),
        new(SloSeverity.Page, SloWindow.ThirtyMinutes, SloWindow.SixHours, 6, 5),
        new(SloSeverity.Ticket, SloWindow.TwoHours, SloWindow.OneDay, 3, 10),
        new(SloSeverity.Ticket, SloWindow.SixHours, SloWindow.ThreeDays, 1, 10),
    ];

    public static IEnumerable<BurnRateWindow> Of(SloSeverity severity) => All.Where(window => window.Severity == severity);
}
