namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>Where a message landed: the channel id and the message's <c>ts</c>, which together address it for <c>chat.update</c>.</summary>
public sealed record PostedMessage(string Channel, string Ts);
