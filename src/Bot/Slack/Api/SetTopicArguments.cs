using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary><c>conversations.setTopic</c> body; the topic is cut to Slack's limit, keeping markup whole.</summary>
internal sealed record SetTopicArguments(string Channel, string Topic)
{
    public string Topic { get; } = Mrkdwn.Truncate(Topic, BlockKitLimits.Topic);
}
