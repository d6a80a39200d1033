namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>An answer whose <c>channel</c> is a conversation object (<c>conversations.create</c>, <c>conversations.open</c>).</summary>
internal sealed record ConversationResponse(Conversation Channel);
