namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary><c>users.info</c> answer.</summary>
internal sealed record UserInfoResponse(SlackUser User);
