namespace ChatOpsIncidents.Core.Incidents;

public enum StatisticsGrouping
{
    All,
    Service,
    Severity,
}
