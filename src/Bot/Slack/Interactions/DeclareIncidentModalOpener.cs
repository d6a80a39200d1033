using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>
/// Opens <see cref="DeclareIncidentModal"/> with <c>views.open</c>, right after <c>/incident new</c> was answered (the trigger id
/// lives about 3 s). When Slack refuses, the person is told how to declare without the form.
/// </summary>
internal sealed partial class DeclareIncidentModalOpener(ISlackApi slack, SlackFollowUp followUp, ILogger<DeclareIncidentModalOpener> logger)
{
    public async Task OpenAsync(string triggerId, Severity severity, ReplyTarget target, CancellationToken cancellationToken)
    {
        try
        {
            await slack.OpenViewAsync(triggerId, DeclareIncidentModal.Build(severity, target.ChannelId), cancellationToken);
        }
        catch (SlackApiException exception)
        {
            LogNotOpened(logger, exception.Error);
            await followUp.TellAsync(target,
                $"I could not open the form (Slack said `{exception.Error}`). Declare with `/incident new [SEV1-4] title` instead.",
                cancellationToken);
        }
    }

    [LoggerMessage(EventId = 2260, Level = LogLevel.Warning, Message = "Could not open the declare-incident form: Slack said {Error}")]
    private static partial void LogNotOpened(ILogger logger, string error);
}
