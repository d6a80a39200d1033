using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Runbooks;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Runbooks.Definitions;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>
/// Tells Slack what a claimed incident's timeline says: creates its channel (topic, responders), posts its card and
/// the announcement once, posts a short message per entry that matters, then edits the card to the current truth.
/// Every step is recorded as soon as Slack said ok, so a crash or an outage resumes where it stopped.
/// </summary>
internal sealed partial class SlackIncidentDelivery(
    ISlackApi slack,
    SlackIncidentNotifications notifications,
    EscalationPolicies policies,
    RunbookCatalog runbooks,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackIncidentDelivery> logger)
{
    private const int MaxChannelNameAttempts = 5;

    private static readonly HashSet<TimelineEntryKind> s_topicChanges =
    [
        TimelineEntryKind.Acknowledged, TimelineEntryKind.Resolved, TimelineEntryKind.AutoResolved, TimelineEntryKind.Reopened,
        TimelineEntryKind.SeverityChanged, TimelineEntryKind.CommanderChanged,
    ];

    public async Task DeliverAsync(ClaimedDelivery claimed, OutboxClaims claims, CancellationToken cancellationToken)
    {
        (Incident incident, IncidentDelivery delivery, IReadOnlyList<TimelineEntry> pending) = claimed;
        bool newChannel = delivery.ChannelId is null;
        if (newChannel)
        {
            await CreateChannelAsync(incident, delivery, claims, cancellationToken);
        }
        string channel = delivery.ChannelId!;
        SlackMessageContent card = IncidentCard.Render(incident, IncidentRunbooks.Choices(runbooks, incident), time.GetUtcNow());
        if (delivery.CardMessageId is null)
        {
            // Until the card is up, the channel may not be set up yet (a crash or an outage in between): do it (again).
            await SetTopicAsync(incident, channel, cancellationToken);
            await InviteRespondersAsync(incident, channel, cancellationToken);
            PostedMessage posted = await slack.PostMessageAsync(new PostMessageRequest(channel, card.Text, card.Blocks), cancellationToken);
            delivery.CardPosted(posted.Ts);
            await claims.SaveAsync(cancellationToken);
        }
        if (!delivery.Announced && await TryAnnounceAsync(incident, channel, cancellationToken))
        {
            delivery.MarkAnnounced();
            await claims.SaveAsync(cancellationToken);
        }
        foreach (TimelineEntry entry in pending)
        {
            await notifications.DeliverAsync(incident, channel, entry, cancellationToken);
            if (!ShownByTheCard(incident, entry) && TimelineMessage.Render(entry) is { } line)
            {
                await slack.PostMessageAsync(new PostMessageRequest(channel, line), cancellationToken);
            }
            delivery.Delivered(entry.Id);
            await claims.SaveAsync(cancellationToken);
        }
        await slack.UpdateMessageAsync(new UpdateMessageRequest(channel, delivery.CardMessageId!, card.Text, card.Blocks), cancellationToken);
        if (!newChannel && pending.Any(e => s_topicChanges.Contains(e.Kind)))
        {
            await SetTopicAsync(incident, channel, cancellationToken);
        }
    }

    /// <summary>The opening and the alerts that opened the incident are on the card; later changes get a line of their own.</summary>
    private static bool ShownByTheCard(Incident incident, TimelineEntry entry) =>
        entry.Kind == TimelineEntryKind.Opened || (entry.Kind == TimelineEntryKind.AlertFiring && entry.At == incident.OpenedAt);

    private async Task CreateChannelAsync(Incident incident, IncidentDelivery delivery, OutboxClaims claims, CancellationToken cancellationToken)
    {
        string name = IncidentChannelName.For(options.Value.ChannelPrefix, incident.Key, incident.Title);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                SlackChannel channel = await slack.CreateChannelAsync(name, isPrivate: false, cancellationToken);
                delivery.ChannelCreated(channel.Id);
                await claims.SaveAsync(cancellationToken);
                LogChannelCreated(logger, incident.Key, channel.Name);
                return;
            }
            catch (SlackApiException exception) when (exception.Error == "name_taken" && attempt < MaxChannelNameAttempts)
            {
                name = IncidentChannelName.WithSuffix(IncidentChannelName.For(options.Value.ChannelPrefix, incident.Key, incident.Title), attempt + 1);
            }
        }
    }

    /// <summary>
    /// The default responders and whoever is on call now in the schedules of the incident's escalation policy. A responder
    /// Slack does not know (a wrong id in the settings) must not keep the incident out of Slack.
    /// </summary>
    private async Task InviteRespondersAsync(Incident incident, string channel, CancellationToken cancellationToken)
    {
        List<string> responders = [.. options.Value.DefaultResponders.Concat(policies.OnCallResponders(incident, time.GetUtcNow())).Distinct(StringComparer.Ordinal)];
        if (responders.Count == 0)
        {
            return;
        }
        try
        {
            await slack.InviteToChannelAsync(channel, responders, cancellationToken);
        }
        catch (SlackApiException exception) when (!exception.IsRetryable)
        {
            LogStepSkipped(logger, incident.Key, exception.Method, exception.Error);
        }
    }

    /// <summary>
    /// The announcement in Slack:IncidentsChannel. When Slack refuses it for good (the bot is not in that channel),
    /// the incident's own channel still gets everything; the announcement is tried again on the incident's next change.
    /// </summary>
    private async Task<bool> TryAnnounceAsync(Incident incident, string channel, CancellationToken cancellationToken)
    {
        if (options.Value.IncidentsChannel is not { Length: > 0 } incidentsChannel)
        {
            return true;
        }
        try
        {
            await slack.PostMessageAsync(new PostMessageRequest(incidentsChannel, IncidentAnnouncement.Render(incident, channel)), cancellationToken);
            return true;
        }
        catch (SlackApiException exception) when (!exception.IsRetryable)
        {
            LogStepSkipped(logger, incident.Key, exception.Method, exception.Error);
            return false;
        }
    }

    private Task SetTopicAsync(Incident incident, string channel, CancellationToken cancellationToken)
    {
        string commander = incident.Commander is null ? "no commander" : $"commander <@{incident.Commander}>";
        string service = incident.Service is null ? "no service" : Mrkdwn.Escape(incident.Service); // a label: Slack would render a mention in it
        string topic = $"{incident.Severity.ToDisplay()} · {incident.Status} · {service} · {commander}";
        return slack.SetChannelTopicAsync(channel, topic, cancellationToken);
    }

    [LoggerMessage(EventId = 2204, Level = LogLevel.Error, Message = "Slack refused {Method} for {Incident} ({Error}); check the Slack settings. The rest of the delivery goes on")]
    private static partial void LogStepSkipped(ILogger logger, IncidentKey incident, string method, string error);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Created Slack channel #{Channel} for {Incident}")]
    private static partial void LogChannelCreated(ILogger logger, IncidentKey incident, string channel);
}
