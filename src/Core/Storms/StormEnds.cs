using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Storms;

/// <summary>
/// The end of a storm as due work: when fewer than Storms:Threshold incidents opened within the last Storms:Window (or
/// people resolved the storm's incident), the storm ends and its timeline sums up what it gathered; otherwise it is looked
/// at again when the rate can have dropped.
/// </summary>
internal sealed class StormEnds(IncidentsDbContext db, StormQueries queries, IOptions<StormOptions> options)
    : IncidentDueWorkKind<Storm>(KindName, db)
{
    public const string KindName = "storm-ends";

    /// <summary>When incidents opened since a window before the storm was due, and what the storm gathered, read with it.</summary>
    private List<DateTimeOffset> _openedSince = [];
    private StormTally? _tally;

    protected override async Task<Storm?> FindAsync(string key, CancellationToken cancellationToken)
    {
        Storm? storm = await base.FindAsync(key, cancellationToken);
        if (storm is { DueAt: { } dueAt })
        {
            _openedSince = await queries.OpenedSinceAsync(dueAt - options.Value.Window, cancellationToken);
            _tally = StormTally.Of(await queries.MembersAsync(storm.Incident.Key, cancellationToken));
        }
        return storm;
    }

    protected override void Fire(Storm storm, DateTimeOffset dueAt, DateTimeOffset now)
    {
        List<DateTimeOffset> recent = [.. _openedSince.Where(at => at > now - options.Value.Window)];
        if (storm.Incident.IsOpen && recent.Count >= options.Value.Threshold)
        {
            storm.CheckAgainAt(queries.QuietFrom(recent));
            return;
        }
        storm.End(_tally!.Describe(options.Value.CorrelationLabel), now);
    }
}
