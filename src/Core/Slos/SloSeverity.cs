namespace ChatOpsIncidents.Core.Slos;

/// <summary>Sloth's two alert levels: a page wakes someone; a ticket can wait for working hours.</summary>
public enum SloSeverity
{
    Page,
    Ticket,
}
