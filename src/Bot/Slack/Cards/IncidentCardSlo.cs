using System.Globalization;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Slos;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// The card's SLO section, for an incident an SLO's burn-rate alert opened: the objective, the error budget left over the
/// period and the burn rate, as last read from Prometheus and stored on the incident ("budget unknown" and why when
/// Prometheus could not say).
/// </summary>
internal static class IncidentCardSlo
{
    private const int MaxReason = 300;
    private const string UnknownPrefix = "Budget unknown: ";

    /// <summary>The section, or null for an incident no SLO alert opened.</summary>
    public static SectionBlock? Render(Incident incident)
    {
        if (incident.Slo is not { } slo)
        {
            return null;
        }
        string heading = $"📉 *SLO* {Mrkdwn.Escape(slo.SloId)} · objective {slo.Objective.ToString("0.###", CultureInfo.InvariantCulture)}%";
        return new SectionBlock(new MrkdwnText($"{heading}\n{Figures(slo.Latest)}", Verbatim: true));
    }

    private static string Figures(SloReading? reading) => reading switch
    {
        null => "Reading the error budget from Prometheus…",
        { BudgetRemaining: null } => $"Error budget: *budget unknown*{Reason(reading)} · {Mrkdwn.Date(reading.At)}",
        _ => $"Error budget left ({SloWindow.Period.Name}): *{reading.BudgetText}* · burn rate *{reading.BurnRateText}* · {Mrkdwn.Date(reading.At)}",
    };

    private static string Reason(SloReading reading) => reading.Unknown is { Length: > 0 } why
        ? $" ({Mrkdwn.Truncate(Mrkdwn.Escape(why.StartsWith(UnknownPrefix, StringComparison.Ordinal) ? why[UnknownPrefix.Length..] : why), MaxReason)})"
        : "";
}
