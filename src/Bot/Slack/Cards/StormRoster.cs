using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Storms;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// The storm channel's roll of the incidents that joined the storm, many to a message: Slack takes about one message a
/// second in a channel, so a message per incident would keep a storm's channel minutes behind. One line per incident, and
/// for one that lives in the storm's channel (less severe than Storms:OwnChannelsThrough) a button giving it a channel of its
/// own; such an incident gets a card and thread of its own in the storm's channel only once it has news worth a thread.
/// </summary>
internal static class StormRoster
{
    /// <summary>Most incidents in one message: a section each, within Slack's 50 blocks.</summary>
    public const int MaxPerMessage = 40;

    public static IEnumerable<SlackMessageContent> Render(IReadOnlyList<StormMember> joined, Severity ownChannelsThrough)
    {
        for (int start = 0; start < joined.Count; start += MaxPerMessage)
        {
            List<StormMember> part = [.. joined.Skip(start).Take(MaxPerMessage)];
            string heading = $"🌪️ *{(joined.Count == 1 ? "1 incident" : $"{joined.Count} incidents")} joined the storm*{(start > 0 ? " (continued)" : "")}";
            List<Block> blocks = [new SectionBlock(new MrkdwnText(heading)), .. part.Select(member => Line(member, ownChannelsThrough))];
            yield return new SlackMessageContent($"{heading}: {string.Join(", ", part.Select(m => m.Key))}", blocks);
        }
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
