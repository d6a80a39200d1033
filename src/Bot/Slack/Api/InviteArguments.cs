namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary><c>conversations.invite</c> body: <paramref name="Users"/> comma-separated.</summary>
internal sealed record InviteArguments(string Channel, string Users, bool Force);
