using ChatOpsIncidents.Core.FollowUps;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.FollowUps;

/// <summary>
/// An issue's title and the lines of its body, the same in every tracker. What people typed stays literal: it is the title
/// (which notifies nobody) and, in the body, a code block, so a "@team" in it pings nobody and no markup in it takes effect.
/// </summary>
internal static class IssueText
{
    /// <summary>GitHub takes 256 characters, Jira 255.</summary>
    private const int MaxTitle = 250;

    public static string Title(FollowUpIssue issue) => TextLimits.Cut(issue.Text.ReplaceLineEndings(" ").Trim(), MaxTitle);

    public static string Introduction(FollowUpIssue issue) =>
        $"Follow-up of incident {issue.Incident}, recorded for its postmortem by the incident bot.";

    public static string IncidentLine(FollowUpIssue issue) => $"Incident {issue.Incident}: {issue.IncidentTitle.ReplaceLineEndings(" ")}";
}
