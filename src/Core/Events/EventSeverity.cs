namespace ChatOpsIncidents.Core.Events;

/// <summary>An event's own severity, least severe first, so that severities compare.</summary>
public enum EventSeverity
{
    Info,
    Warning,
    Error,
    Critical,
}
