using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Runbooks;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Events;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Storms;
using ChatOpsIncidents.Runbooks.Definitions;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>
/// Tells Slack what a claimed incident's timeline says: creates its channel (topic, responders), posts its card and
/// the announcement once, posts a short message per entry that matters (alert changes told together, a few lines for many),
/// then edits the card when what it shows changed (and the announcement, when status, severity or people changed). An
/// incident less severe than Slack:ChannelFor gets no channel: its card goes to the incidents channel and its lines in the
/// card's thread, until its severity is raised. An incident of an alert storm less severe than Storms:OwnChannelsThrough does
/// the same in the storm's channel, until a person gives it a channel of its own, but only once it has news worth a thread
/// (what people do with it): until then the storm channel's roll (<see cref="StormRoster"/>) lists it and the storm's card
/// (<see cref="StormCard"/>) counts it, so a storm of hundreds is a few messages in its channel, not one a second for minutes.
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
    EventQueries events,
    StormQueries storms,
    StormRolls rolls,
    IOptions<SlackOptions> options,
    IOptions<StormOptions> stormOptions,
    TimeProvider time,
    ILogger<SlackIncidentDelivery> logger)
{
    private const int MaxChannelNameAttempts = 5;

    /// <summary>Slack shows every topic change as a message in the channel: at most one a minute.</summary>
    private static readonly TimeSpan s_topicInterval = TimeSpan.FromMinutes(1);

    /// <summary>A flapping incident's channel hears its fire/resolve cycles in one line a minute at most.</summary>
    private static readonly TimeSpan s_flapLineInterval = TimeSpan.FromMinutes(1);

    /// <summary>How soon an incident of a storm whose channel is not there yet looks again (the storm, more severe, goes first).</summary>
    private static readonly TimeSpan s_stormChannelWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an incident of a storm waits for the storm's channel at most: while Slack refuses that channel, the incident is
    /// then told as if there were no storm, rather than never.
    /// </summary>
    private static readonly TimeSpan s_stormChannelPatience = TimeSpan.FromMinutes(2);

    /// <summary>What an alert's fire/resolve cycle writes by itself: told in one line while the incident flaps.</summary>
    private static readonly HashSet<TimelineEntryKind> s_cycle =
    [
        TimelineEntryKind.AlertFiring, TimelineEntryKind.AlertResolved, TimelineEntryKind.Reopened, TimelineEntryKind.AutoResolved,
        TimelineEntryKind.PostmortemDrafted, TimelineEntryKind.EscalationStopped,
    ];

    /// <summary>
    /// What gives an incident living in its storm's channel a card and thread of its own there: what people do with it, and
    /// reminders addressed to them. What alerts and storm-wide buttons do is on the roll and the storm's card.
    /// </summary>
    private static readonly HashSet<TimelineEntryKind> s_worthAThread =
    [
        TimelineEntryKind.Note, TimelineEntryKind.Assigned, TimelineEntryKind.CommanderChanged, TimelineEntryKind.SeverityChanged,
        TimelineEntryKind.RunbookStarted, TimelineEntryKind.RunbookStep, TimelineEntryKind.RunbookFinished, TimelineEntryKind.RunbookDryRun,
        TimelineEntryKind.RunbookRefused, TimelineEntryKind.FollowUpAdded, TimelineEntryKind.PostmortemReminder,
    ];

    /// <summary>What changes the status, severity or people of an incident: its announcement, and its storm's card, show them.</summary>
    private static readonly HashSet<TimelineEntryKind> s_announcementChanges =
    [
        TimelineEntryKind.Acknowledged, TimelineEntryKind.Resolved, TimelineEntryKind.AutoResolved, TimelineEntryKind.Reopened,
        TimelineEntryKind.SeverityChanged, TimelineEntryKind.CommanderChanged, TimelineEntryKind.Assigned,
    ];

    /// <summary>
    /// Delivers what is pending; returns when the incident is to be looked at again (now, unless alert news waits for more). Its
    /// storm's card is looked at again soon after (within Slack:AlertLinesDelay, many changes to one edit) when what it shows of
    /// the incident changed: a channel of its own, its status or severity.
    /// </summary>
    public async Task<DateTimeOffset> DeliverAsync(ClaimedDelivery claimed, OutboxClaims claims, CancellationToken cancellationToken)
    {
        string? channel = claimed.Delivery.ChannelId;
        DateTimeOffset again = await TellAsync(claimed, claims, cancellationToken);
        if (claimed.Incident.StormIncidentId is { } storm
            && (claimed.Delivery.ChannelId != channel || claimed.Pending.Any(e => s_announcementChanges.Contains(e.Kind))))
        {
            await claims.LookAgainAtAsync(new IncidentKey(storm), time.GetUtcNow() + options.Value.AlertLinesDelay, cancellationToken);
        }
        return again;
    }

    private async Task<DateTimeOffset> TellAsync(ClaimedDelivery claimed, OutboxClaims claims, CancellationToken cancellationToken)
    {
        (Incident incident, IncidentDelivery delivery, IReadOnlyList<TimelineEntry> pending) = claimed;
        DateTimeOffset now = time.GetUtcNow();
        if (pending.Count > 0 && pending.All(e => e.Kind == TimelineEntryKind.DeliveryRefused))
        {
            // Only refusals to record: trying the refused steps again now would refuse them again, and record that, forever.
            delivery.Delivered(pending[^1].Id);
            return now;
        }
        if (incident.Quiet && delivery.ChannelId is null)
        {
            await TellQuietAsync(incident, delivery, claims, cancellationToken);
            delivery.Delivered(pending[^1].Id);
            return now;
        }
        if (incident.IsFlapping(now) && delivery.CardMessageId is not null && pending.Count > 0 && pending.All(e => s_cycle.Contains(e.Kind))
            && delivery.FlapLineAt + s_flapLineInterval is { } flapLineDue && flapLineDue > now)
        {
            return flapLineDue; // the cycles until then are told together, the state they end in last
        }
        if (delivery.CardMessageId is not null && pending.Count > 0 && pending.All(e => e.IsToldInBulk))
        {
            DateTimeOffset toldAt = pending[0].At + options.Value.AlertLinesDelay;
            if (toldAt > now)
            {
                return toldAt; // more alert changes may follow: they are told together
            }
        }
        string? stormChannel = null;
        if (delivery.ChannelId is null && incident is { StormIncidentId: { } stormId, OwnChannel: false } && incident.Severity > StormOwnChannelsThrough)
        {
            stormChannel = await storms.ChannelOfAsync(new IncidentKey(stormId), cancellationToken);
            if (stormChannel is null && now - incident.OpenedAt < s_stormChannelPatience)
            {
                return now + s_stormChannelWait;
            }
            if (stormChannel is not null && !delivery.Announced && pending is [.., { } last] && !pending.Any(e => s_worthAThread.Contains(e.Kind)))
            {
                delivery.Delivered(last.Id); // on the storm channel's roll and the storm's card: no thread until there is news for one
                return now;
            }
        }
        RenderedCard card = incident.IsStorm
            ? await RenderStormCardAsync(incident, now, cancellationToken)
            : await RenderCardAsync(incident, now, inStormThread: stormChannel is not null, cancellationToken);
        if (stormChannel is not null)
        {
            await DeliverInThreadAsync(incident, delivery, pending, card, stormChannel, now, claims, cancellationToken);
            return now;
        }
        if (delivery.ChannelId is null && !incident.IsStorm && !incident.OwnChannel && incident.Severity > options.Value.OwnChannelsThrough)
        {
            await DeliverInThreadAsync(incident, delivery, pending, card, options.Value.IncidentsChannel!, now, claims, cancellationToken);
            return now;
        }
        bool newChannel = delivery.ChannelId is null;
        bool leavesThread = newChannel && delivery.Announced; // raised to a severity with a channel of its own
        if (newChannel)
        {
            await CreateChannelAsync(incident, delivery, claims, cancellationToken);
        }
        string channel = delivery.ChannelId!;
        if (delivery.CardMessageId is null)
        {
            // Until the card is up, the channel may not be set up yet (a crash or an outage in between): do it (again).
            await SetTopicAsync(incident, delivery, channel, claims, cancellationToken);
            await InviteRespondersAsync(incident, channel, claims, cancellationToken);
            if (await PostCardAsync(incident, channel, card.Content, claims, cancellationToken) is { } posted)
            {
                delivery.CardPosted(posted.Ts, card.Digest);
                await claims.SaveAsync(cancellationToken);
            }
        }
        if (!delivery.Announced)
        {
            await AnnounceAsync(incident, delivery, channel, claims, cancellationToken);
        }
        else if (leavesThread || pending.Any(e => s_announcementChanges.Contains(e.Kind)))
        {
            await EditAnnouncementAsync(incident, delivery, channel, claims, cancellationToken);
        }
        await PostLinesAsync(incident, delivery, pending, channel, thread: null, claims, cancellationToken);
        await EditCardAsync(incident, delivery, channel, delivery.CardMessageId, card, claims, cancellationToken);
        if (incident.IsStorm)
        {
            await EditRollAsync(incident, claims, cancellationToken);
        }
        if (!newChannel)
        {
            await FollowTopicAsync(incident, delivery, channel, now, claims, cancellationToken);
        }
        LookAgainWhenFlappingEnds(incident, delivery, now);
        return now;
    }

    /// <summary>
    /// The card says "flapping" until the incident stops flapping: it is looked at again then, to edit the card at once rather
    /// than at its next change (<see cref="IncidentDelivery.TopicDueAt"/> is when the delivery is looked at again with nothing
    /// new on its timeline, as for a storm's card).
    /// </summary>
    private static void LookAgainWhenFlappingEnds(Incident incident, IncidentDelivery delivery, DateTimeOffset now)
    {
        if (incident.IsFlapping(now) && !(delivery.TopicDueAt <= incident.FlappingUntil))
        {
            delivery.TopicDue(incident.FlappingUntil);
        }
    }

    /// <summary>The least severe incident of a storm with a channel of its own: Storms:OwnChannelsThrough, or Slack:ChannelFor when that is stricter.</summary>
    private Severity StormOwnChannelsThrough =>
        (Severity)Math.Min((int)options.Value.OwnChannelsThrough, (int)stormOptions.Value.OwnChannelsThroughSeverity);

    private async Task<RenderedCard> RenderCardAsync(Incident incident, DateTimeOffset now, bool inStormThread, CancellationToken cancellationToken)
    {
        IReadOnlyList<RunbookChoice> choices = IncidentRunbooks.Choices(runbooks, incident);
        IReadOnlyList<string> labels = options.Value.EffectiveCardLabels;
        int eventCount = await events.CountForAsync(incident.Key, cancellationToken);
        EscalationOutlook? escalation = policies.Outlook(incident, await queries.EscalationAsync(incident.Key, cancellationToken));
        return new RenderedCard(
            IncidentCard.Render(incident, choices, labels, now, eventCount, escalation, inStormThread),
            IncidentCard.Digest(incident, choices, labels, now, eventCount, escalation, inStormThread));
    }

    private async Task<RenderedCard> RenderStormCardAsync(Incident incident, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Storm? storm = await storms.FindAsync(incident.Key, cancellationToken);
        IReadOnlyList<StormMember> members = await storms.MembersAsync(incident.Key, cancellationToken);
        string label = stormOptions.Value.CorrelationLabel;
        return new RenderedCard(
            StormCard.Render(incident, storm, members, label, now), IncidentCard.DigestOf(StormCard.Render(incident, storm, members, label, DateTimeOffset.UnixEpoch)));
    }

    /// <summary>
    /// An incident too minor for a channel of its own lives in <paramref name="home"/>, the incidents channel (Slack:ChannelFor)
    /// or its storm's channel: its card there is its announcement, and its lines go in the card's thread. No topic, no
    /// invitations: the channel is everyone's.
    /// </summary>
    private async Task DeliverInThreadAsync(
        Incident incident, IncidentDelivery delivery, IReadOnlyList<TimelineEntry> pending, RenderedCard card, string home, DateTimeOffset now,
        OutboxClaims claims, CancellationToken cancellationToken)
    {
        if (!delivery.Announced)
        {
            PostedMessage? posted = await PostCardAsync(incident, home, card.Content, claims, cancellationToken);
            delivery.MarkAnnounced(posted?.Channel, posted?.Ts);
            delivery.CardEdited(card.Digest);
            await claims.SaveAsync(cancellationToken);
        }
        // A card Slack refused for good leaves no thread: the lines go to the channel itself.
        string channel = delivery.AnnouncementChannelId ?? home;
        await PostLinesAsync(incident, delivery, pending, channel, delivery.AnnouncementMessageId, claims, cancellationToken);
        await EditCardAsync(incident, delivery, channel, delivery.AnnouncementMessageId, card, claims, cancellationToken);
        delivery.TopicDue(null); // no channel, no topic: only a look again is ever due here
        LookAgainWhenFlappingEnds(incident, delivery, now);
    }

    /// <summary>
    /// What each entry asks of Slack, and its lines (in <paramref name="thread"/> when given): each run of alert changes told
    /// together (of a flapping incident, each run of fire/resolve cycles, in one line), its lines posted before its last entry
    /// is recorded as delivered, so a crash in between repeats them, never loses them. A postmortem draft replaced within its
    /// run is not shared at all.
    /// </summary>
    private async Task PostLinesAsync(
        Incident incident, IncidentDelivery delivery, IReadOnlyList<TimelineEntry> pending, string channel, string? thread, OutboxClaims claims, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        bool flapping = incident.IsFlapping(now);
        foreach (IReadOnlyList<TimelineEntry> step in Steps(pending, flapping ? e => s_cycle.Contains(e.Kind) ? "cycles" : RunOf(e) : RunOf))
        {
            TimelineEntry? lastDraft = step.LastOrDefault(e => e.Kind == TimelineEntryKind.PostmortemDrafted);
            foreach (TimelineEntry entry in step.Where(e => e.Kind != TimelineEntryKind.PostmortemDrafted || ReferenceEquals(e, lastDraft)))
            {
                await notifications.DeliverAsync(incident, delivery, channel, entry, claims, cancellationToken);
            }
            bool cycles = flapping && step.Any(e => e.Kind is TimelineEntryKind.Reopened or TimelineEntryKind.AutoResolved);
            if (step[0].Kind == TimelineEntryKind.StormMemberAdded)
            {
                await PostRosterAsync(incident, step, channel, claims, cancellationToken);
            }
            IEnumerable<string> lines = cycles ? [FlapLine(incident, step)] : Steps(step, RunOf).SelectMany(part => Lines(incident, part));
            foreach (string line in lines)
            {
                await refusals.TryAsync(incident, claims, "post a line in the incident channel",
                    () => slack.PostMessageAsync(new PostMessageRequest(channel, line, ThreadTs: thread), cancellationToken));
            }
            if (cycles)
            {
                delivery.FlapLineTold(now);
            }
            delivery.Delivered(step[^1].Id);
            await claims.SaveAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The storm channel's roll of the incidents that joined the storm in <paramref name="joined"/>'s entries; each message is
    /// stored with the incidents it lists, to be edited when how it shows one changes (<see cref="EditRollAsync"/>).
    /// </summary>
    private async Task PostRosterAsync(Incident storm, IReadOnlyList<TimelineEntry> joined, string channel, OutboxClaims claims, CancellationToken cancellationToken)
    {
        IReadOnlyList<StormMember> members = await storms.JoinedAsync(storm.Key, joined[0].At, joined[^1].At, cancellationToken);
        bool continued = false;
        foreach (IReadOnlyList<StormMember> part in StormRoster.Split(members))
        {
            SlackMessageContent roll = StormRoster.Render(part, members.Count, continued, StormOwnChannelsThrough);
            PostedMessage? posted = null;
            await refusals.TryAsync(storm, claims, "post the storm's roll of incidents",
                async () => posted = await slack.PostMessageAsync(new PostMessageRequest(channel, roll.Text, roll.Blocks), cancellationToken));
            if (posted is not null)
            {
                rolls.Add(new StormRollMessage(
                    storm.Key.Number, posted.Channel, posted.Ts, [.. part.Select(m => m.Key.Number)], members.Count, continued, IncidentCard.DigestOf(roll)));
            }
            continued = true;
        }
    }

    /// <summary>
    /// Edits each message of the storm's roll whose incidents it would now show differently (given a channel of their own,
    /// resolved): the storm is looked at again shortly after such a change (<see cref="DeliverAsync"/>), so the changes of
    /// several incidents on one message become one edit. Refused for good, a message is not tried again until it changes again.
    /// </summary>
    private async Task EditRollAsync(Incident storm, OutboxClaims claims, CancellationToken cancellationToken)
    {
        List<StormRollMessage> messages = await rolls.OfAsync(storm.Key, cancellationToken);
        if (messages.Count == 0)
        {
            return;
        }
        Dictionary<long, StormMember> members = (await storms.MembersAsync(storm.Key, cancellationToken)).ToDictionary(m => m.Key.Number);
        foreach (StormRollMessage message in messages)
        {
            List<StormMember> part = [.. message.IncidentIds.Where(members.ContainsKey).Select(id => members[id])];
            SlackMessageContent roll = StormRoster.Render(part, message.JoinedCount, message.Continued, StormOwnChannelsThrough);
            string digest = IncidentCard.DigestOf(roll);
            if (digest != message.Digest)
            {
                await refusals.TryAsync(storm, claims, "edit the storm's roll of incidents",
                    () => slack.UpdateMessageAsync(new UpdateMessageRequest(message.ChannelId, message.MessageId, roll.Text, roll.Blocks), cancellationToken));
                message.Shown(digest);
                await claims.SaveAsync(cancellationToken);
            }
        }
    }

    /// <summary>Edits the card only when what it shows changed.</summary>
    private async Task EditCardAsync(
        Incident incident, IncidentDelivery delivery, string channel, string? cardTs, RenderedCard card, OutboxClaims claims, CancellationToken cancellationToken)
    {
        if (cardTs is not null && delivery.CardDigest != card.Digest
            && await refusals.TryAsync(incident, claims, "edit the incident card",
                () => slack.UpdateMessageAsync(new UpdateMessageRequest(channel, cardTs, card.Content.Text, card.Content.Blocks), cancellationToken)))
        {
            delivery.CardEdited(card.Digest);
        }
    }

    /// <summary>
    /// The pending entries in the steps they are told in: each run of entries of one kind of <paramref name="runOf"/> together
    /// (alert changes; incidents joining a storm, which the storm's card shows), any entry of none alone.
    /// </summary>
    private static IEnumerable<IReadOnlyList<TimelineEntry>> Steps(IReadOnlyList<TimelineEntry> pending, Func<TimelineEntry, string?> runOf)
    {
        List<TimelineEntry> run = [];
        foreach (TimelineEntry entry in pending)
        {
            string? kind = runOf(entry);
            if (run.Count > 0 && kind != runOf(run[0]))
            {
                yield return run;
                run = [];
            }
            if (kind is not null)
            {
                run.Add(entry);
                continue;
            }
            yield return [entry];
        }
        if (run.Count > 0)
        {
            yield return run;
        }
    }

    /// <summary>The run an entry is told in when nothing flaps: alert changes together, incidents joining a storm together; null alone.</summary>
    private static string? RunOf(TimelineEntry entry) => entry.IsAlertChange ? "alert changes" : entry.IsToldInBulk ? "storm members" : null;

    /// <summary>"🔁 Flapping: reopened 3×, resolved 3× since &lt;date&gt;; now *Resolved*": the cycles told together, and the state they ended in.</summary>
    private static string FlapLine(Incident incident, IReadOnlyList<TimelineEntry> cycles)
    {
        int reopened = cycles.Count(e => e.Kind == TimelineEntryKind.Reopened);
        int resolved = cycles.Count(e => e.Kind == TimelineEntryKind.AutoResolved);
        return $"🔁 Flapping: reopened {reopened}×, resolved {resolved}× since {Mrkdwn.Date(cycles[0].At)}; now *{incident.Status}*";
    }

    private static IEnumerable<string> Lines(Incident incident, IReadOnlyList<TimelineEntry> step)
    {
        List<TimelineEntry> told = [.. step.Where(e => !ShownByTheCard(incident, e))];
        if (step[0].IsAlertChange)
        {
            return AlertChangeLines.Render(told);
        }
        return told is [{ } entry] && TimelineMessage.Render(entry) is { } line ? [line] : [];
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
        string name = IncidentChannelName.For(options.Value.ChannelPrefix, incident);
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
                name = IncidentChannelName.WithSuffix(IncidentChannelName.For(options.Value.ChannelPrefix, incident), attempt + 1);
            }
            catch (SlackApiException exception) when (!exception.IsRetryable && delivery.Attempts == 0)
            {
                refusals.RecordUnlogged(incident, claims, "create the incident's channel", exception); // the dispatcher logs it
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

    /// <summary>
    /// The one line a quiet incident gets in the incidents channel, posted as its announcement (edited into one, should the
    /// incident reopen and get a channel); refused, it is not tried again.
    /// </summary>
    private async Task TellQuietAsync(Incident incident, IncidentDelivery delivery, OutboxClaims claims, CancellationToken cancellationToken)
    {
        if (delivery.Announced)
        {
            return;
        }
        PostedMessage? posted = null;
        if (options.Value.IncidentsChannel is { Length: > 0 } incidentsChannel)
        {
            await refusals.TryAsync(incident, claims, "tell of the incident resolved on arrival in the incidents channel",
                async () => posted = await slack.PostMessageAsync(new PostMessageRequest(incidentsChannel, IncidentAnnouncement.RenderQuiet(incident)), cancellationToken));
        }
        delivery.MarkAnnounced(posted?.Channel, posted?.Ts);
        await claims.SaveAsync(cancellationToken);
    }

    /// <summary>
    /// The announcement follows the incident's status, severity and people; one announced before it was kept stays as it was.
    /// Its blocks are replaced too: an incident that left its thread for a channel turns its card there into the announcement.
    /// </summary>
    private async Task EditAnnouncementAsync(Incident incident, IncidentDelivery delivery, string channel, OutboxClaims claims, CancellationToken cancellationToken)
    {
        if (delivery is { AnnouncementChannelId: { } announcementChannel, AnnouncementMessageId: { } ts })
        {
            string line = IncidentAnnouncement.Render(incident, channel);
            await refusals.TryAsync(incident, claims, "edit the announcement in the incidents channel",
                () => slack.UpdateMessageAsync(new UpdateMessageRequest(announcementChannel, ts, line, [new SectionBlock(new MrkdwnText(line))]), cancellationToken));
        }
    }

    /// <summary>
    /// The topic follows the incident only when what it shows changed, and at most once a minute: a change within the minute is
    /// held back to the minute's end (<see cref="IncidentDelivery.TopicDueAt"/>), and then shows the incident as it is by then.
    /// </summary>
    private async Task FollowTopicAsync(
        Incident incident, IncidentDelivery delivery, string channel, DateTimeOffset now, OutboxClaims claims, CancellationToken cancellationToken)
    {
        if (IncidentTopic.Digest(incident) == delivery.TopicDigest)
        {
            delivery.TopicDue(null);
        }
        else if (delivery.TopicSetAt + s_topicInterval is { } allowedAt && allowedAt > now)
        {
            delivery.TopicDue(allowedAt);
        }
        else
        {
            await SetTopicAsync(incident, delivery, channel, claims, cancellationToken);
        }
    }

    /// <summary>Sets the topic; refused for good, it is not tried again until what it would show changes.</summary>
    private async Task SetTopicAsync(Incident incident, IncidentDelivery delivery, string channel, OutboxClaims claims, CancellationToken cancellationToken)
    {
        await refusals.TryAsync(incident, claims, "set the channel topic", () => slack.SetChannelTopicAsync(channel, IncidentTopic.Render(incident), cancellationToken));
        delivery.TopicSet(IncidentTopic.Digest(incident), time.GetUtcNow());
        await claims.SaveAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Created Slack channel #{Channel} for {Incident}")]
    private static partial void LogChannelCreated(ILogger logger, IncidentKey incident, string channel);

    /// <summary>The card as Slack shows it, and a digest of what it shows, to edit it only when that changed.</summary>
    private sealed record RenderedCard(SlackMessageContent Content, string Digest);
}
