using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Storms;

/// <summary>An incident attached to a storm, as the storm's card and summary show it.</summary>
/// <param name="OwnChannel">A person gave it a channel of its own.</param>
/// <param name="Correlation">Its value of Storms:CorrelationLabel; null when its alerts do not share one.</param>
/// <param name="ChannelId">Its own chat channel, once it has one.</param>
public sealed record StormMember(IncidentKey Key, string Title, Severity Severity, IncidentStatus Status, bool OwnChannel, string? Correlation, string? ChannelId);
