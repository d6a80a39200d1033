using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Dashboard.Pages;

/// <summary>One line of the incident list: the incident, its people by name, its age and how many of its alerts fire.</summary>
public sealed record IncidentRow(IncidentSummary Incident, string Status, string Age, string? Commander, string? Assignee, int FiringAlerts);
