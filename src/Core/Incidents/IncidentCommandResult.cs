using System.Diagnostics.CodeAnalysis;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>The incident after a successful command, or why the command was refused.</summary>
public sealed record IncidentCommandResult(Incident? Incident, IncidentError? Error)
{
    [MemberNotNullWhen(true, nameof(Incident))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static IncidentCommandResult Success(Incident incident) => new(incident, null);

    public static IncidentCommandResult Failure(IncidentError error) => new(null, error);
}
