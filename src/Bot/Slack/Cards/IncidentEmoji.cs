using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>The emoji that let people read severity and status at a glance, the same on the card and in announcements.</summary>
internal static class IncidentEmoji
{
    public static string For(Severity severity) => severity switch
    {
        Severity.Sev1 => "🔴",
        Severity.Sev2 => "🟠",
        Severity.Sev3 => "🟡",
        _ => "🔵",
    };

    public static string For(IncidentStatus status) => status switch
    {
        IncidentStatus.Triggered => "🚨",
        IncidentStatus.Acknowledged => "👀",
        _ => "✅",
    };
}
