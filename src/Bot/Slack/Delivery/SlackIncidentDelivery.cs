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
/// the announcement once, posts a short message per entry that matters, then edits the card (and the announcement, when
/// status, severity or people changed) to the current truth.
/// Every step is recorded as soon as Slack said ok, so a crash or an outage resumes where it stopped. Only the channel is
/// indispensable: Slack refusing any other step for good skips that step (<see cref="SlackRefusals"/>), so one bad field
/// cannot keep an incident's card and announcement out of Slack.
/// </summary>
internal sealed partial class SlackIncidentDelivery(
    ISlackApi slack,
    SlackIncidentNotifications notifications,
    SlackRefusals refusals,
    EscalationPolicies policies,
    IncidentQueries queries,
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

    private static readonly HashSet<TimelineEntryKind> s_announcementChanges = [.. s_topicChanges, TimelineEntryKind.Assigned];

    public async Task DeliverAsync(ClaimedDelivery claimed, OutboxClaims claims, CancellationToken cancellationToken)
    {
        (Incident incident, IncidentDelivery delivery, IReadOnlyList<TimelineEntry> pending) = claimed;
        if (pending.Count > 0 && pending.All(e => e.Kind == TimelineEntryKind.DeliveryRefused))
        {
            // Only refusals to record: trying the refused steps again now would refuse them again, and record that, forever.
            delivery.Delivered(pending[^1].Id);
            return;
        }
        bool newChannel = delivery.ChannelId is null;
        if (newChannel)
        {
            await CreateChannelAsync(incident, delivery, claims, cancellationToken);
        }
        string channel = delivery.ChannelId!;
        EscalationOutlook? escalation = policies.Outlook(incident, await queries.EscalationAsync(incident.Key, cancellationToken));
        SlackMessageContent card = IncidentCard.Render(
            incident, IncidentRunbooks.Choices(runbooks, incident), options.Value.EffectiveCardLabels, time.GetUtcNow(), escalation);
        if (delivery.CardMessageId is null)
        {
            // Until the card is up, the channel may not be set up yet (a crash or an outage in between): do it (again).
            await SetTopicAsync(incident, channel, claims, cancellationToken);
            await InviteRespondersAsync(incident, channel, claims, cancellationToken);
            if (await PostCardAsync(incident, channel, card, claims, cancellationToken) is { } posted)
            {
                delivery.CardPosted(posted.Ts);
                await claims.SaveAsync(cancellationToken);
            }
        }
        if (!delivery.Announced)
        {
            await AnnounceAsync(incident, delivery, channel, claims, cancellationToken);
        }
        else if (pending.Any(e => s_announcementChanges.Contains(e.Kind)))
        {
            await EditAnnouncementAsync(incident, delivery, channel, claims, cancellationToken);
        }
        foreach (TimelineEntry entry in pending)
        {
            await notifications.DeliverAsync(incident, channel, entry, claims, cancellationToken);
            if (!ShownByTheCard(incident, entry) && TimelineMessage.Render(entry) is { } line)
            {
                await refusals.TryAsync(incident, claims, "post a line in the incident channel",
                    () => slack.PostMessageAsync(new PostMessageRequest(channel, line), cancellationToken));
            }
            delivery.Delivered(entry.Id);
            await claims.SaveAsync(cancellationToken);
        }
        if (delivery.CardMessageId is { } cardTs)
        {
            await refusals.TryAsync(incident, claims, "edit the incident card",
                () => slack.UpdateMessageAsync(new UpdateMessageRequest(channel, cardTs, card.Text, card.Blocks), cancellationToken));
        }
        if (!newChannel && pending.Any(e => s_topicChanges.Contains(e.Kind)))
        {
            await SetTopicAsync(incident, channel, claims, cancellationToken);
        }
    }

    /// <summary>The opening and the alerts that opened the incident are on the card; later changes get a line of their own.</summary>
    private static bool ShownByTheCard(Incident incident, TimelineEntry entry) =>
        entry.Kind == TimelineEntryKind.Opened || (entry.Kind == TimelineEntryKind.AlertFiring && entry.At == incident.OpenedAt);

    /// <summary>
    /// Without a channel nothing else can be told, so a refusal of <c>conversations.create</c> is not skipped: it is written to
    /// the timeline once and the round fails, to be retried with growing delays (a missing scope may be granted meanwhile).
    /// </summary>
    private async Task CreateChannelAsync(Incident incident, IncidentDelivery delivery, OutboxClaims claims, CancellationToken cancellationToken)
    {
        string name = IncidentChannelName.For(options.Value.ChannelPrefix, incident.Key, incident.Title);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                SlackChannel channel = await slack.CreateChannelAsync(name, options.Value.PrivateChannels, cancellationToken);
                delivery.ChannelCreated(channel.Id);
                await claims.SaveAsync(cancellationToken);
                LogChannelCreated(logger, incident.Key, channel.Name);
                return;
            }
            catch (SlackApiException exception) when (exception.Error == "name_taken" && attempt < MaxChannelNameAttempts)
            {
                name = IncidentChannelName.WithSuffix(IncidentChannelName.For(options.Value.ChannelPrefix, incident.Key, incident.Title), attempt + 1);
            }
            catch (SlackApiException exception) when (!exception.IsRetryable && delivery.Attempts == 0)
            {
                refusals.Record(incident, claims, "create the incident's channel", exception);
                throw;
            }
        }
    }

    /// <summary>
    /// The default responders, whoever is on call now in the schedules of the incident's escalation policy, and its commander and
    /// assignee (the person who declared it is its commander).
    /// </summary>
    private async Task InviteRespondersAsync(Incident incident, string channel, OutboxClaims claims, CancellationToken cancellationToken)
    {
        List<string> responders = [.. options.Value.DefaultResponders
            .Concat(policies.OnCallResponders(incident, time.GetUtcNow()))
            .Concat(new[] { incident.Commander, incident.Assignee }.OfType<string>().Where(Mrkdwn.IsUserId)) // the API may name anyone
            .Distinct(StringComparer.Ordinal)];
        if (responders.Count > 0)
        {
            await refusals.TryAsync(incident, claims, "invite the responders", () => slack.InviteToChannelAsync(channel, responders, cancellationToken));
        }
    }

    /// <summary>
    /// The card, or, when Slack refuses its blocks for good, its text alone, so that the channel has its card all the same; null
    /// when Slack refuses that too (it is tried again on the incident's next change).
    /// </summary>
    private async Task<PostedMessage?> PostCardAsync(Incident incident, string channel, SlackMessageContent card, OutboxClaims claims, CancellationToken cancellationToken)
    {
        PostedMessage? posted = null;
        if (!await refusals.TryAsync(incident, claims, "post the incident card",
                async () => posted = await slack.PostMessageAsync(new PostMessageRequest(channel, card.Text, card.Blocks), cancellationToken)))
        {
            await refusals.TryAsync(incident, claims, "post the incident card as text",
                async () => posted = await slack.PostMessageAsync(new PostMessageRequest(channel, card.Text), cancellationToken));
        }
        return posted;
    }

    /// <summary>The announcement in Slack:IncidentsChannel; when Slack refuses it, it is tried again on the incident's next change.</summary>
    private async Task AnnounceAsync(Incident incident, IncidentDelivery delivery, string channel, OutboxClaims claims, CancellationToken cancellationToken)
    {
        if (options.Value.IncidentsChannel is not { Length: > 0 } incidentsChannel)
        {
            delivery.MarkAnnounced(null, null);
            await claims.SaveAsync(cancellationToken);
            return;
        }
        PostedMessage? posted = null;
        if (await refusals.TryAsync(incident, claims, "announce the incident in the incidents channel",
                async () => posted = await slack.PostMessageAsync(new PostMessageRequest(incidentsChannel, IncidentAnnouncement.Render(incident, channel)), cancellationToken)))
        {
            delivery.MarkAnnounced(posted?.Channel, posted?.Ts);
            await claims.SaveAsync(cancellationToken);
        }
    }

    /// <summary>The announcement follows the incident's status, severity and people; one announced before it was kept stays as it was.</summary>
    private async Task EditAnnouncementAsync(Incident incident, IncidentDelivery delivery, string channel, OutboxClaims claims, CancellationToken cancellationToken)
    {
        if (delivery is { AnnouncementChannelId: { } announcementChannel, AnnouncementMessageId: { } ts })
        {
            string line = IncidentAnnouncement.Render(incident, channel);
            await refusals.TryAsync(incident, claims, "edit the announcement in the incidents channel",
                () => slack.UpdateMessageAsync(new UpdateMessageRequest(announcementChannel, ts, line), cancellationToken));
        }
    }

    private Task<bool> SetTopicAsync(Incident incident, string channel, OutboxClaims claims, CancellationToken cancellationToken) =>
        refusals.TryAsync(incident, claims, "set the channel topic", () => slack.SetChannelTopicAsync(channel, IncidentTopic.Render(incident), cancellationToken));

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Created Slack channel #{Channel} for {Incident}")]
    private static partial void LogChannelCreated(ILogger logger, IncidentKey incident, string channel);
}
