using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Outbox;

/// <summary>
/// How far people have been told about one incident. The incident's timeline is its outbox: every change
/// appends an entry in the change's own transaction, and the entries after <see cref="DeliveredThroughEntryId"/>
/// are what is still to be told, in order. A lease lets one dispatcher (of several replicas) work on an incident at a time.
/// </summary>
public sealed class IncidentDelivery
{
    private IncidentDelivery()
    {
    }

    internal IncidentDelivery(Incident incident)
    {
        Incident = incident;
        NextAttemptAt = incident.OpenedAt;
    }

    public long IncidentId { get; private set; }

    public Incident Incident { get; private set; } = null!;

    /// <summary>The last timeline entry that was delivered; 0 before the first.</summary>
    public long DeliveredThroughEntryId { get; private set; }

    /// <summary>The incident's chat channel, once created.</summary>
    public string? ChannelId { get; private set; }

    /// <summary>The incident card message in that channel, once posted.</summary>
    public string? CardMessageId { get; private set; }

    /// <summary>What the card shows (a digest of it), as last posted or edited: an edit that would change nothing is left out.</summary>
    public string? CardDigest { get; private set; }

    public bool Announced { get; private set; }

    /// <summary>The announcement in the incidents channel, once posted there: edited as the incident changes.</summary>
    public string? AnnouncementChannelId { get; private set; }

    /// <inheritdoc cref="AnnouncementChannelId"/>
    public string? AnnouncementMessageId { get; private set; }

    /// <summary>What the channel topic shows (a digest of it), as last set: a topic that would change nothing is left alone.</summary>
    public string? TopicDigest { get; private set; }

    /// <summary>When the topic was last set: Slack shows every change as a message, so it changes at most once a minute.</summary>
    public DateTimeOffset? TopicSetAt { get; private set; }

    /// <summary>
    /// When the incident is to be looked at again with nothing new on its timeline: a topic change held back by that minute, or
    /// a storm's card following its incidents. The incident is claimed then even with nothing else to tell.
    /// </summary>
    public DateTimeOffset? TopicDueAt { get; private set; }

    /// <summary>When the channel last heard a flapping incident's fire/resolve cycles: it hears them at most once a minute.</summary>
    public DateTimeOffset? FlapLineAt { get; private set; }

    /// <summary>The postmortem draft file shared in the channel: replaced by the next draft, so an incident has one.</summary>
    public string? PostmortemDraftFileId { get; private set; }

    /// <summary>Consecutive failed attempts; reset by a successful delivery.</summary>
    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    public string? LeaseOwner { get; private set; }

    public DateTimeOffset? LeaseUntil { get; private set; }

    public void ChannelCreated(string channelId) => ChannelId = channelId;

    public void CardPosted(string messageId, string digest)
    {
        CardMessageId = messageId;
        CardDigest = digest;
    }

    public void CardEdited(string digest) => CardDigest = digest;

    /// <summary>Announced, in the message at <paramref name="channelId"/>/<paramref name="messageId"/>; null when there is no incidents channel.</summary>
    public void MarkAnnounced(string? channelId, string? messageId)
    {
        Announced = true;
        AnnouncementChannelId = channelId;
        AnnouncementMessageId = messageId;
    }

    /// <summary>The topic now shows what <paramref name="digest"/> digests (or Slack refused it for good: tried again when it changes).</summary>
    public void TopicSet(string digest, DateTimeOffset at)
    {
        TopicDigest = digest;
        TopicSetAt = at;
        TopicDueAt = null;
    }

    /// <summary>The topic is to change at <paramref name="dueAt"/>; null when it shows what it should.</summary>
    public void TopicDue(DateTimeOffset? dueAt) => TopicDueAt = dueAt;

    public void FlapLineTold(DateTimeOffset at) => FlapLineAt = at;

    /// <summary>The draft now shared is <paramref name="fileId"/>; null when none is (Slack refused it).</summary>
    public void PostmortemDraftShared(string? fileId) => PostmortemDraftFileId = fileId;

    public void Delivered(long entryId) => DeliveredThroughEntryId = Math.Max(DeliveredThroughEntryId, entryId);

    /// <summary>Ends this attempt; the incident can be claimed again at <paramref name="retryAt"/> (now, when all went well).</summary>
    public void Release(DateTimeOffset retryAt, string? error)
    {
        Attempts = error is null ? 0 : Attempts + 1;
        LastError = error;
        NextAttemptAt = retryAt;
        LeaseOwner = null;
        LeaseUntil = null;
    }
}
