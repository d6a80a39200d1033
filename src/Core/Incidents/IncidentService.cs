using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>The commands people (and scripts) give an incident. Each one commits with its timeline entry.</summary>
public sealed class IncidentService(IncidentsDbContext db, TimeProvider time)
{
    public Task<IncidentCommandResult> AcknowledgeAsync(IncidentKey key, Actor by, CancellationToken cancellationToken) =>
        ChangeAsync(key, (incident, at) => incident.Acknowledge(by, at), cancellationToken);

    public Task<IncidentCommandResult> ResolveAsync(IncidentKey key, Actor by, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(key, (incident, at) => incident.Resolve(by, at, note), cancellationToken);

    public Task<IncidentCommandResult> AssignAsync(IncidentKey key, string assignee, Actor by, CancellationToken cancellationToken) =>
        ChangeAsync(key, (incident, at) => incident.Assign(assignee, by, at), cancellationToken);

    public Task<IncidentCommandResult> SetCommanderAsync(IncidentKey key, string commander, Actor by, CancellationToken cancellationToken) =>
        ChangeAsync(key, (incident, at) => incident.SetCommander(commander, by, at), cancellationToken);

    public Task<IncidentCommandResult> ChangeSeverityAsync(IncidentKey key, Severity severity, Actor by, CancellationToken cancellationToken) =>
        ChangeAsync(key, (incident, at) => incident.ChangeSeverity(severity, by, at), cancellationToken);

    public Task<IncidentCommandResult> AddNoteAsync(IncidentKey key, string text, Actor by, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(text)
            ? Task.FromResult(IncidentCommandResult.Failure(IncidentError.InvalidInput("A note needs some text.")))
            : ChangeAsync(key, (incident, at) => { incident.AddNote(text, by, at); return null; }, cancellationToken);

    public async Task<IncidentCommandResult> DeclareAsync(DeclaredIncident declared, Actor by, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(declared.Title))
        {
            return IncidentCommandResult.Failure(IncidentError.InvalidInput("An incident needs a title."));
        }
        var incident = Incident.Declare(declared, by, time.GetStorableUtcNow());
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(cancellationToken);
        return IncidentCommandResult.Success(incident);
    }

    private Task<IncidentCommandResult> ChangeAsync(IncidentKey key, Func<Incident, DateTimeOffset, IncidentError?> change, CancellationToken cancellationToken) =>
        db.WriteAsync(
            async token =>
            {
                Incident? incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == key.Number, token);
                if (incident is null)
                {
                    return IncidentCommandResult.Failure(IncidentError.NotFound(key));
                }
                if (change(incident, time.GetStorableUtcNow()) is { } error)
                {
                    return IncidentCommandResult.Failure(error);
                }
                await db.SaveChangesAsync(token);
                return IncidentCommandResult.Success(incident);
            },
            cancellationToken);
}
