using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Slack.Runbooks;
using ChatOpsIncidents.Bot.Slack.Silences;

namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>
/// Hands each interaction to its handler by payload type: card buttons and menus, runbook and silence confirmations (<c>block_actions</c>) and the declare and
/// resolve forms (<c>view_submission</c>). Everything else (shortcuts, <c>view_closed</c>, other modals) is answered 200 and logged.
/// </summary>
internal sealed partial class InteractionDispatcher(
    IncidentCardActionHandler cardActions,
    RunbookActionHandler runbookActions,
    SilenceActionHandler silenceActions,
    DeclareIncidentSubmissionHandler declareSubmissions,
    ResolveIncidentSubmissionHandler resolveSubmissions,
    ILogger<InteractionDispatcher> logger)
{
    public async Task<InteractionAnswer> HandleAsync(InteractionPayload payload, CancellationToken cancellationToken)
    {
        switch (payload.Type)
        {
            case InteractionPayload.BlockActions when payload.User is { } user:
                foreach (BlockAction action in payload.Actions ?? [])
                {
                    await (action.ActionId switch
                    {
                        _ when action.ActionId.StartsWith(RunbookActions.Prefix, StringComparison.Ordinal) => runbookActions.HandleAsync(payload, user, action, cancellationToken),
                        _ when action.ActionId.StartsWith(SilenceActions.Prefix, StringComparison.Ordinal) => silenceActions.HandleAsync(payload, user, action, cancellationToken),
                        _ => cardActions.HandleAsync(payload, user, action, cancellationToken),
                    });
                }
                return InteractionAnswer.Empty;
            case InteractionPayload.ViewSubmission when payload is { User: { } user, View.CallbackId: DeclareIncidentModal.CallbackId }:
                return await declareSubmissions.HandleAsync(payload, user, cancellationToken);
            case InteractionPayload.ViewSubmission when payload is { User: { } user, View.CallbackId: ResolveIncidentModal.CallbackId }:
                return await resolveSubmissions.HandleAsync(payload, user, cancellationToken);
            default:
                LogIgnored(logger, payload.Type, payload.View?.CallbackId);
                return InteractionAnswer.Empty;
        }
    }

    /// <summary>
    /// Where the person who interacted can be told something later: the <c>response_url</c> of a message click, else the
    /// channel the click happened in or, for the declare form, the channel <c>/incident new</c> was typed in.
    /// </summary>
    public static ReplyTarget? ReplyTargetFor(InteractionPayload payload)
    {
        if (payload.User is not { } user)
        {
            return null;
        }
        string? channel = payload.Channel?.Id ?? payload.Container?.ChannelId;
        if (channel is null && payload.View?.CallbackId == DeclareIncidentModal.CallbackId)
        {
            channel = payload.View.PrivateMetadata;
        }
        return new ReplyTarget(user.Id, string.IsNullOrEmpty(channel) ? null : channel, payload.ResponseUrl);
    }

    [LoggerMessage(EventId = 2261, Level = LogLevel.Information, Message = "Ignored a Slack interaction of type {Type} (callback id {CallbackId})")]
    private static partial void LogIgnored(ILogger logger, string type, string? callbackId);
}
