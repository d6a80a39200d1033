using ChatOpsIncidents.Bot.Slack.Responders;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>
/// A submitted <see cref="ResolveIncidentModal"/>: resolves its incident (as not actionable when so chosen) with the note as the person who submitted it, when the
/// form was opened for them and they are among <c>Slack:Responders</c>; the card and the timeline then show it. Anything else
/// (someone else's form, a refusal, an incident resolved meanwhile) keeps the form open with the reason under the note.
/// </summary>
internal sealed partial class ResolveIncidentSubmissionHandler(
    IncidentService incidents, IncidentResponders responders, ILogger<ResolveIncidentSubmissionHandler> logger)
{
    public async Task<InteractionAnswer> HandleAsync(InteractionPayload payload, InteractionUser user, CancellationToken cancellationToken)
    {
        if (!ResolveIncidentModal.IsFor(payload.View, user.Id, out IncidentKey key))
        {
            return Refused(user, "This form was not opened for you: nothing was resolved. Use the card's Resolve button yourself.");
        }
        if (await responders.RefusalForAsync(user.Id, cancellationToken) is { } refusal)
        {
            return Refused(user, refusal);
        }
        Actor actor = Actor.SlackUser(user.Id, user.Username ?? user.Name);
        IncidentCommandResult result = await ResolveIncidentModal.Resolution(payload.View).ResolveAsync(incidents, key, actor, cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(user, result.Error.Message);
        }
        LogResolved(logger, key, user.Id);
        return InteractionAnswer.Empty;
    }

    private InteractionAnswer Refused(InteractionUser user, string reason)
    {
        LogRefused(logger, user.Id, reason);
        return new InteractionAnswer(new ViewSubmissionReply(new Dictionary<string, string> { [ResolveIncidentModal.NoteBlock] = reason }));
    }

    [LoggerMessage(EventId = 2269, Level = LogLevel.Information, Message = "Slack user {User} resolved {Incident} with the form")]
    private static partial void LogResolved(ILogger logger, IncidentKey incident, string user);

    [LoggerMessage(EventId = 2272, Level = LogLevel.Information, Message = "The resolve form submitted by {User} was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string user, string reason);
}
