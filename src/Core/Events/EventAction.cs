namespace ChatOpsIncidents.Core.Events;

/// <summary>What an event asks of the incident its dedup key names.</summary>
public enum EventAction
{
    Trigger,
    Acknowledge,
    Resolve,
}
