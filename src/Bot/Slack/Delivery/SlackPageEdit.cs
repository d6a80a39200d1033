using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>
/// Edits a sent page message once an incident it pages for is acknowledged or resolved, whoever did it and however: the
/// incident's Acknowledge button gives way to who did it. <c>chat.update</c> replaces the whole message, so a retry or a
/// second replica's edit writes the same. When Slack refuses the edit for good (the message is gone), it is given up and
/// logged. A retryable Slack failure is thrown for the dispatcher to put the edit off.
/// </summary>
internal sealed partial class SlackPageEdit(ISlackApi slack, TimeProvider time, ILogger<SlackPageEdit> logger)
{
    public async Task EditAsync(ClaimedPageMessage claimed, CancellationToken cancellationToken)
    {
        SlackMessageContent message = EscalationPage.Render(claimed.Pages, claimed.Channels);
        string? refusal = null;
        try
        {
            await slack.UpdateMessageAsync(new UpdateMessageRequest(claimed.Channel, claimed.Ts, message.Text, message.Blocks), cancellationToken);
        }
        catch (SlackApiException exception) when (!exception.IsRetryable)
        {
            LogEditRefused(logger, claimed.Recipient, exception.Method, exception.Error);
            refusal = $"{exception.Method}: {exception.Error}";
        }
        DateTimeOffset now = time.GetStorableUtcNow();
        foreach (Page page in claimed.Leased)
        {
            if (page.Incident.Status == IncidentStatus.Triggered)
            {
                page.ReleaseLease();
            }
            else
            {
                page.CloseMessage(now, refusal);
            }
        }
    }

    [LoggerMessage(EventId = 2214, Level = LogLevel.Warning, Message = "Slack refused {Method} of the page message to {User} ({Error}); it keeps its Acknowledge button")]
    private static partial void LogEditRefused(ILogger logger, string user, string method, string error);
}
