using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Api;

// The conversations.* methods: what the bot sends (create, invite, setTopic, archive, open) and reads back.

/// <summary><c>conversations.create</c> body.</summary>
internal sealed record CreateChannelArguments(string Name, bool IsPrivate);

/// <summary>A channel Slack created: its id (<c>C…</c>) and the name it got.</summary>
public sealed record SlackChannel(string Id, string Name);

/// <summary><c>conversations.invite</c> body: <paramref name="Users"/> comma-separated.</summary>
internal sealed record InviteArguments(string Channel, string Users, bool Force);

/// <summary><c>conversations.setTopic</c> body; the topic is cut to Slack's limit, keeping markup whole.</summary>
internal sealed record SetTopicArguments(string Channel, string Topic)
{
    public string Topic { get; } = Mrkdwn.Truncate(Topic, BlockKitLimits.Topic);
}

/// <summary>A body that names only a channel (<c>conversations.archive</c>).</summary>
internal sealed record ChannelArguments(string Channel);

/// <summary><c>conversations.open</c> body: <paramref name="Users"/> comma-separated.</summary>
internal sealed record OpenConversationArguments(string Users);

/// <summary>An answer whose <c>channel</c> is a conversation object (<c>conversations.create</c>, <c>conversations.open</c>).</summary>
internal sealed record ConversationResponse(Conversation Channel);

/// <summary>The parts of a conversation object the bot reads; direct messages have no name.</summary>
internal sealed record Conversation(string Id, string? Name = null);
