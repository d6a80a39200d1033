namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>The Slack workspace an interaction came from (<c>T…</c>).</summary>
public sealed record InteractionTeam(string Id);
