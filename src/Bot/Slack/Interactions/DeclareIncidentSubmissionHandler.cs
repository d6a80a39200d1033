using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>
/// A submitted <see cref="DeclareIncidentModal"/>: mistakes keep the form open with a message under the input; a valid form
/// declares the incident as the person who submitted it, with them as its commander, closes, and they are told the key and then
/// the channel's link where they typed the command.
/// </summary>
internal sealed partial class DeclareIncidentSubmissionHandler(
    IncidentService incidents, SlackBackgroundWork background, ILogger<DeclareIncidentSubmissionHandler> logger)
{
    public async Task<InteractionAnswer> HandleAsync(InteractionPayload payload, InteractionUser user, CancellationToken cancellationToken)
    {
        (DeclaredIncident? declared, IReadOnlyDictionary<string, string> errors) = DeclareIncidentModal.Read(payload.View?.State);
        if (declared is null)
        {
            return new InteractionAnswer(new ViewSubmissionReply(errors));
        }
        IncidentCommandResult result = await incidents.DeclareAsync(declared with { Commander = user.Id }, Actor.SlackUser(user.Id, user.Username ?? user.Name), cancellationToken);
        if (!result.Succeeded)
        {
            return new InteractionAnswer(new ViewSubmissionReply(new Dictionary<string, string> { [DeclareIncidentModal.TitleBlock] = result.Error.Message }));
        }
        Incident incident = result.Incident;
        LogDeclared(logger, incident.Key, user.Id);
        if (InteractionDispatcher.ReplyTargetFor(payload) is { } target)
        {
            DeclaredIncidentReply.FollowUp(background, incident, target, declarationTold: false);
        }
        return InteractionAnswer.Empty;
    }

    [LoggerMessage(EventId = 2266, Level = LogLevel.Information, Message = "Slack user {User} declared {Incident} with the form")]
    private static partial void LogDeclared(ILogger logger, IncidentKey incident, string user);
}
