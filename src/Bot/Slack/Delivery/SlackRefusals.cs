using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>
/// The steps of an incident's delivery it can do without (the topic, inviting responders, the announcement, a line in the
/// channel, editing the card, a reminder or the postmortem file). When Slack refuses one for good (<c>too_long</c>,
/// <c>invalid_blocks</c>, <c>msg_too_long</c>, <c>channel_not_found</c>, <c>is_archived</c>, <c>not_in_channel</c>,
/// <c>invalid_auth</c>… any error the client does not call retryable), the step is skipped and never retried, the refusal is
/// written to the incident's timeline (once per method and error in a round) and counted, and the delivery goes on.
/// A transient failure is thrown on, for the dispatcher to retry the round.
/// </summary>
internal sealed partial class SlackRefusals(SlackDeliveryMetrics metrics, ILogger<SlackRefusals> logger)
{
    private readonly HashSet<(long Incident, string Method, string Error)> _recorded = [];

    /// <summary>Runs <paramref name="step"/>; false when Slack refused it for good. <paramref name="what"/> names it for people: "set the channel topic".</summary>
    public async Task<bool> TryAsync(Incident incident, OutboxClaims claims, string what, Func<Task> step)
    {
        try
        {
            await step();
            return true;
        }
        catch (SlackApiException refusal) when (!refusal.IsRetryable)
        {
            Record(incident, claims, what, refusal);
            return false;
        }
    }

    /// <summary>Logs a refusal, writes it to the incident's timeline and counts it.</summary>
    public void Record(Incident incident, OutboxClaims claims, string what, SlackApiException refusal)
    {
        LogSkipped(logger, incident.Key, refusal.Method, refusal.Error, what);
        RecordUnlogged(incident, claims, what, refusal);
    }

    /// <summary>Writes a refusal to the incident's timeline and counts it, for a caller that logs the failure itself.</summary>
    public void RecordUnlogged(Incident incident, OutboxClaims claims, string what, SlackApiException refusal)
    {
        metrics.Skipped(refusal);
        if (_recorded.Add((incident.Id, refusal.Method, refusal.Error)))
        {
            claims.RecordRefusal(incident.Key, $"Slack refused to {what} ({refusal.Method}: {refusal.Error}); skipped");
        }
    }

    [LoggerMessage(EventId = 2204, Level = LogLevel.Error,
        Message = "Slack refused {Method} for {Incident} ({Error}), so the bot did not {What}; check the Slack settings. The rest of the delivery goes on")]
    private static partial void LogSkipped(ILogger logger, IncidentKey incident, string method, string error, string what);
}
