namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>The chosen option of a select or overflow menu; only its value matters to the bot.</summary>
public sealed record SelectedOption(string Value);
