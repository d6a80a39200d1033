using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Alerts;

/// <summary>Which incident, at which version: equal stamps, equal incident and alerts (<see cref="RepeatedDeliveryIndex"/>).</summary>
internal readonly record struct IncidentStamp(long Id, int Version)
{
    public IncidentKey Key => new(Id);
}
