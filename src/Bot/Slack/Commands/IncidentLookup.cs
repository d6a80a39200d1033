using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>The incident a subcommand is about, or the reply that says why it could not tell.</summary>
internal sealed record IncidentLookup(IncidentKey Key, SlackReply? Refusal)
{
    public static IncidentLookup Found(IncidentKey key) => new(key, null);

    public static IncidentLookup Refused(string text) => new(default, new SlackReply(text));
}
