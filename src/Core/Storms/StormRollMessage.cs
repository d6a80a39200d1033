namespace ChatOpsIncidents.Core.Storms;

/// <summary>
/// A message of a storm's roll in its chat channel, listing some of the incidents that joined the storm together: kept so the
/// message can be edited when how it shows one of them changes (a channel of its own, resolved).
/// </summary>
public sealed class StormRollMessage
{
    private StormRollMessage()
    {
    }

    public StormRollMessage(
        long stormIncidentId, string channelId, string messageId, IReadOnlyList<long> incidentIds, int joinedCount, bool continued, string digest)
    {
        StormIncidentId = stormIncidentId;
        ChannelId = channelId;
        MessageId = messageId;
        IncidentIds = [.. incidentIds];
        JoinedCount = joinedCount;
        Continued = continued;
        Digest = digest;
    }

    public long Id { get; private set; }

    public long StormIncidentId { get; private set; }

    public string ChannelId { get; private set; } = "";

    public string MessageId { get; private set; } = "";

    /// <summary>The incidents it lists, in the order it lists them.</summary>
    public List<long> IncidentIds { get; private set; } = [];

    /// <summary>How many incidents joined the storm together, this message listing some of them.</summary>
    public int JoinedCount { get; private set; }

    /// <summary>Not the first message of those.</summary>
    public bool Continued { get; private set; }

    /// <summary>What the message shows (a digest of it), as last posted or edited: an edit that would change nothing is left out.</summary>
    public string Digest { get; private set; } = "";

    /// <summary>The message now shows what <paramref name="digest"/> digests (or chat refused the edit for good: tried again when it changes).</summary>
    public void Shown(string digest) => Digest = digest;
}
