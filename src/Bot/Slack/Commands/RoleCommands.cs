using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>The <c>/incident</c> verbs that say who does what: who works on an incident and who commands it.</summary>
internal sealed class RoleCommands(IncidentService incidents)
{
    public static readonly CommandVerb Assign = Role(
        "assign", "sets who works on it", (incidents, key, user, by, token) => incidents.AssignAsync(key, user, by, token),
        (incident, user) => $"Assigned *{incident.Key}* to {user}.");

    public static readonly CommandVerb Commander = Role(
        "commander", "sets the incident commander", (incidents, key, user, by, token) => incidents.SetCommanderAsync(key, user, by, token),
        (incident, user) => $"{user} is now the commander of *{incident.Key}*.");

    private delegate Task<IncidentCommandResult> RoleChange(IncidentService incidents, IncidentKey key, string user, Actor by, CancellationToken cancellationToken);

    /// <summary>A verb that gives the role to the person named after the key; <paramref name="success"/> gets the incident and the person as mrkdwn.</summary>
    private static CommandVerb Role(string name, string help, RoleChange change, Func<Incident, string, string> success) => CommandVerb.For<RoleCommands>(
        name, $"{name} KEY @user", $"{help} (`me` works too)", IncidentArgument.KeyThenWord,
        (commands, request, cancellationToken) => commands.GiveAsync(request, change, success, cancellationToken)).ChangingTheIncident();

    private async Task<SlackReply?> GiveAsync(CommandRequest request, RoleChange change, Func<Incident, string, string> success, CancellationToken cancellationToken)
    {
        if (request.Arguments.Next() is not { } word)
        {
            return new SlackReply($"Who? Usage: {request.Usage}");
        }
        if (!SlackUserMention.TryParse(word, request.Caller.UserId, out string? user))
        {
            return new SlackReply(
                $"I don't know who “{SlackCommandText.Quote(word)}” is: mention them with @ so Slack fills in who they are, or say `me`. Usage: {request.Usage}");
        }
        IncidentCommandResult result = await change(incidents, request.Incident, user, request.Caller.Actor, cancellationToken);
        return IncidentReplies.Outcome(result, incident => success(incident, Mrkdwn.User(user)));
    }
}
