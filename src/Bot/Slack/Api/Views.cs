using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary><c>views.open</c> body.</summary>
internal sealed record OpenViewArguments(string TriggerId, ModalView View);
