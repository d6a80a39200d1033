namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>A runbook that applies to an incident, offered in its card's menu.</summary>
internal sealed record RunbookChoice(string Id, string Title);
