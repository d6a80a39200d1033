using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Storms;

/// <summary>The messages of a storm's roll in chat, stored with the delivery that posted or edited them (<c>OutboxClaims.SaveAsync</c>).</summary>
public sealed class StormRolls(IncidentsDbContext db)
{
    public void Add(StormRollMessage message) => db.StormRollMessages.Add(message);

    /// <summary>The roll's messages of <paramref name="storm"/>, in the order they were posted.</summary>
    public Task<List<StormRollMessage>> OfAsync(IncidentKey storm, CancellationToken cancellationToken) =>
        db.StormRollMessages.Where(m => m.StormIncidentId == storm.Number).OrderBy(m => m.Id).ToListAsync(cancellationToken);
}
