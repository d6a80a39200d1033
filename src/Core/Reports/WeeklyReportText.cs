using System.Globalization;
using System.Text;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Reports;

/// <summary>The weekly report as plain text: each figure next to its target, ✅ when met and ❌ when missed.</summary>
public static class WeeklyReportText
{
    /// <summary>How many of the noisiest alerts the report names.</summary>
    public const int NoisiestAlerts = 5;

    /// <summary>How many overdue postmortems the report names; it counts the rest.</summary>
    public const int OverdueListed = 20;

    private const string Missing = "–";

    public static string Render(WeeklyFigures figures, WeeklyReportTargets targets, TimeZoneInfo zone)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"📊 Weekly incident report: {Time(figures.From, zone)} to {Time(figures.Until, zone)}");
        text.Append(CultureInfo.InvariantCulture, $" ({zone.Id}, UTC{Offset(zone.GetUtcOffset(figures.Until))})\n");
        text.Append("Mean time to acknowledge and to resolve, by severity:\n");
        if (figures.BySeverity.Count == 0)
        {
            text.Append("• No incidents were opened.\n");
        }
        foreach (ResponseStatistics severity in figures.BySeverity)
        {
            text.Append(CultureInfo.InvariantCulture, $"• {severity.Group}: {Count(severity.Incidents, "incident")}");
            text.Append(CultureInfo.InvariantCulture, $"; acknowledge {Mean(severity.MeanTimeToAcknowledge, TargetOf(targets.TimeToAcknowledge, severity.Group))}");
            text.Append(CultureInfo.InvariantCulture, $"; resolve {Mean(severity.MeanTimeToResolve, TargetOf(targets.TimeToResolve, severity.Group))}\n");
        }
        text.Append(CultureInfo.InvariantCulture,
            $"False positives: {figures.FalsePositives} (target under {targets.FalsePositives} {Mark(figures.FalsePositives < targets.FalsePositives)})\n");
        List<AlertNoise> noisiest = [.. figures.Alerts.Where(alert => alert.MarkedNoise > 0).Take(NoisiestAlerts)];
        text.Append("Noisiest alerts: ");
        text.AppendJoin(", ", noisiest.Select(alert => $"{alert.AlertName} ({alert.MarkedNoise} of {Count(alert.Incidents, "incident")} marked noise)"));
        text.Append(noisiest.Count == 0 ? "none marked noise\n" : "\n");
        text.Append(CultureInfo.InvariantCulture, $"Automatic remediation: {Remediation(figures, targets)}\n");
        string within = DurationText.Format(targets.PostmortemWithin);
        bool allInTime = figures.Postmortems.DoneInTime == figures.Postmortems.Postmortems;
        text.Append(CultureInfo.InvariantCulture,
            $"Postmortems: {figures.Postmortems.DoneInTime} of {figures.Postmortems.Postmortems} done within {within} (target: all {Mark(allInTime)}); ");
        text.Append(figures.OverduePostmortems.Count == 0 ? "none overdue" : $"overdue: {string.Join(", ", figures.OverduePostmortems.Take(OverdueListed))}");
        if (figures.OverduePostmortems.Count > OverdueListed)
        {
            text.Append(CultureInfo.InvariantCulture, $" and {figures.OverduePostmortems.Count - OverdueListed} more");
        }
        return text.ToString();
    }

    private static TimeSpan? TargetOf(Dictionary<Severity, TimeSpan> targets, string severity) =>
        SeverityText.TryParse(severity, out Severity parsed) && targets.TryGetValue(parsed, out TimeSpan target) ? target : null;

    private static string Mean(TimeSpan? mean, TimeSpan? target) => (mean, target) switch
    {
        (null, null) => Missing,
        (null, { } goal) => $"{Missing} (target under {DurationText.Format(goal)})",
        ({ } value, null) => DurationText.Format(value),
        ({ } value, { } goal) => $"{DurationText.Format(value)} (target under {DurationText.Format(goal)} {Mark(value < goal)})",
    };

    private static string Remediation(WeeklyFigures figures, WeeklyReportTargets targets)
    {
        string target = Percent(targets.AutomaticRemediationSuccess);
        if (figures.Remediation.SuccessShare is not { } success)
        {
            return $"no automatic runs (target over {target})";
        }
        return $"{figures.Remediation.Succeeded} of {Count(figures.Remediation.Runs, "run")} succeeded, {Percent(success)} (target over {target} {Mark(success > targets.AutomaticRemediationSuccess)})";
    }

    private static string Mark(bool met) => met ? "✅" : "❌";

    private static string Count(int count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.#} %");

    private static string Time(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
