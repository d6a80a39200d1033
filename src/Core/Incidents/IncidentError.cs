namespace ChatOpsIncidents.Core.Incidents;

public enum IncidentErrorKind
{
    NotFound,
    InvalidTransition,
    InvalidInput,
}

/// <summary>An expected failure of an incident command, with a message fit to show a person.</summary>
public sealed record IncidentError(IncidentErrorKind Kind, string Message)
{
    public static IncidentError NotFound(IncidentKey key) => new(IncidentErrorKind.NotFound, $"There is no incident {key}.");

    public static IncidentError InvalidTransition(string message) => new(IncidentErrorKind.InvalidTransition, message);

    public static IncidentError InvalidInput(string message) => new(IncidentErrorKind.InvalidInput, message);
}
