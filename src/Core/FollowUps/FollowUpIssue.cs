using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.FollowUps;

/// <summary>The issue a follow-up asks for: its text, its incident, and its owner's Slack user id, when one was named.</summary>
public sealed record FollowUpIssue(string Text, IncidentKey Incident, string IncidentTitle, string? Owner);
