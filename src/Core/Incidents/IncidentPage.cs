namespace ChatOpsIncidents.Core.Incidents;

/// <summary>One page of a list of incidents, how many the whole list holds, and the chat channels of those listed that have one.</summary>
public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Items, int Page, int PageSize, int Total, IReadOnlyDictionary<IncidentKey, string> Channels);
