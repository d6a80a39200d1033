using ChatOpsIncidents.Bot.Slack.Silences;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary><c>/incident</c>: its verbs in the order <c>/incident help</c> lists them, each run by its family's handler class.</summary>
internal static class IncidentCommands
{
    public const string Name = "/incident";

    public static readonly CommandTable Table = new(
        Name,
        "works incidents from Slack. KEY is an incident key such as `INC-42` (or just `42`); in an incident's own channel you can leave it out.",
        [
            ViewCommands.List,
            ViewCommands.Show,
            LifecycleCommands.Acknowledge,
            RoleCommands.Assign,
            RoleCommands.Commander,
            LifecycleCommands.ChangeSeverity,
            LifecycleCommands.AddNote,
            LifecycleCommands.Resolve,
            SilenceCommands.Silence,
            SilenceCommands.Unsilence,
            LifecycleCommands.Declare,
            OnCallCommands.Show,
            PostmortemCommands.FollowUp,
            PostmortemCommands.Postmortem,
        ]);
}
