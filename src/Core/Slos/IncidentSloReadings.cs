using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Slos;

/// <summary>
/// Reads the error budget of the SLO incidents that want a reading (opened, or resolved, since the last) and keeps it on the
/// incident with a timeline entry, so the card is edited through the outbox and the postmortem has it. Prometheus is asked
/// outside any transaction, once for all of them, within its timeout; when it cannot answer, the reading says "budget unknown"
/// and why. Replicas taking the same reading at once store it once: the reading's due time is its concurrency token.
/// </summary>
public sealed class IncidentSloReadings(IncidentsDbContext db, SloBudgets budgets, TimeProvider time)
{
    /// <summary>Readings taken in one round at most; the rest wait for the next.</summary>
    public const int BatchSize = 50;

    /// <summary>Takes the readings due now; returns how many were stored.</summary>
    public async Task<int> TakeDueAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetStorableUtcNow();
        List<Incident> due = await db.Incidents
            .Where(i => i.Slo != null && i.Slo.ReadingDueAt <= now)
            .OrderBy(i => i.Slo!.ReadingDueAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        Dictionary<string, SloStatus> statuses = (await budgets.ListAsync(cancellationToken)).ToDictionary(status => status.Slo.Id, StringComparer.Ordinal);
        DateTimeOffset readAt = time.GetStorableUtcNow();
        foreach (Incident incident in due)
        {
            IncidentSlo slo = incident.Slo!;
            SloReading reading = statuses.TryGetValue(slo.SloId, out SloStatus? status)
                ? SloReading.From(status, readAt)
                : new SloReading(readAt, null, null, $"Budget unknown: no SLO {slo.SloId} in Slos:Files any more.");
            bool resolved = incident.Status == IncidentStatus.Resolved;
            slo.Record(reading, resolved);
            db.TimelineEntries.Add(TimelineEntry.SloBudgetRead(incident.Id, Describe(slo, reading, resolved), readAt));
        }
        try
        {
            return await db.SaveChangesAsync(cancellationToken) > 0 ? due.Count : 0;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear(); // another replica took them, or the incident was resolved meanwhile: the next round sees
            return 0;
        }
    }

    private static string Describe(IncidentSlo slo, SloReading reading, bool resolved)
    {
        string moment = resolved ? "at resolution" : "at opening";
        string used = resolved && SloReading.Percent(slo.BudgetConsumed) is { } consumed ? $"; the incident used {consumed} of the budget" : "";
        return reading.BudgetRemaining is null
            ? $"SLO {slo.SloId} {moment}: {reading.Unknown ?? "budget unknown"}"
            : $"SLO {slo.SloId} {moment}: {reading.BudgetText} of the {SloWindow.Period.Name} error budget left, burn rate {reading.BurnRateText}{used}";
    }
}
