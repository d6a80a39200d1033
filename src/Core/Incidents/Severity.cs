namespace ChatOpsIncidents.Core.Incidents;

/// <summary>Incident severity; a lower number is more severe.</summary>
public enum Severity
{
    Sev1 = 1,
    Sev2 = 2,
    Sev3 = 3,
    Sev4 = 4,
}
