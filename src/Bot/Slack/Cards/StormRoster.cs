using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Storms;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// The storm channel's roll of the incidents that joined the storm, many to a message: Slack takes about one message a
/// second in a channel, so a message per incident would keep a storm's channel minutes behind. One line per incident, and
/// for one that lives in the storm's channel (less severe than Storms:OwnChannelsThrough) a button giving it a channel of its
/// own; such an incident gets a card and thread of its own in the storm's channel only once it has news worth a thread. A
/// message is edited when how it shows one of its incidents changes: given a channel of its own, the line links the channel
/// and has no button; resolved, no button.
/// </summary>
internal static class StormRoster
{
    /// <summary>Most incidents in one message: a section each, within Slack's 50 blocks.</summary>
    public const int MaxPerMessage = 40;

    /// <summary>The incidents that joined the storm together, <see cref="MaxPerMessage"/> to a message.</summary>
    public static IEnumerable<IReadOnlyList<StormMember>> Split(IReadOnlyList<StormMember> joined) => joined.Chunk(MaxPerMessage);

    /// <summary>
    /// One message of the roll: <paramref name="part"/> of the <paramref name="joinedCount"/> incidents that joined together, as
    /// they are now (rendered again, the same way, to edit the message when one of them changed).
    /// </summary>
    public static SlackMessageContent Render(IReadOnlyList<StormMember> part, int joinedCount, bool continued, Severity ownChannelsThrough)
    {
        string heading = $"🌪️ *{(joinedCount == 1 ? "1 incident" : $"{joinedCount} incidents")} joined the storm*{(continued ? " (continued)" : "")}";
        List<Block> blocks = [new SectionBlock(new MrkdwnText(heading)), .. part.Select(member => Line(member, ownChannelsThrough))];
        return new SlackMessageContent($"{heading}: {string.Join(", ", part.Select(m => m.Key))}", blocks);
    }

    /// <summary>"🟡 *SEV3* INC-7 · Disk filling on db-2", with the button when it lives in the storm's channel.</summary>
    private static SectionBlock Line(StormMember member, Severity ownChannelsThrough)
    {
        string where = member.ChannelId is { } channel ? $" — {Mrkdwn.Channel(channel)}" : "";
        var text = new MrkdwnText(
            $"{IncidentEmoji.For(member.Severity)} *{member.Severity.ToDisplay()}* {member.Key} · {Mrkdwn.Truncate(Mrkdwn.Escape(member.Title), 120)}{where}",
            Verbatim: true);
        bool inStormChannel = member.ChannelId is null && !member.OwnChannel && member.Severity > ownChannelsThrough && member.Status != IncidentStatus.Resolved;
        return new SectionBlock(text, accessory: inStormChannel
            ? new ButtonElement(IncidentCardActions.OwnChannel, "Give it its own channel", member.Key.ToString())
            : null);
    }
}
