using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Runbooks.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>
/// Starts <c>auto</c> runbooks when their alert fires on an incident: watches the timeline for new AlertFiring entries and
/// asks the runner, which keeps the hourly limit. One run per runbook and entry even across replicas (the runs table has a
/// unique index on it). History from before this start is not replayed. A run that starts is carried out by the host's
/// <see cref="IAutomaticRunCarrier"/>, which shows its progress.
/// </summary>
internal sealed partial class AutoRunbookTrigger(
    IServiceScopeFactory scopes, RunbookCatalog catalog, IOptions<OutboxOptions> outbox, TimeProvider time, ILogger<AutoRunbookTrigger> logger) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!catalog.All.Any(runbook => runbook.Auto))
        {
            return;
        }
        long? cursor = null; // read in the loop: a database outage must not stop the host
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                cursor = cursor is { } seen ? await TriggerAsync(seen, stoppingToken) : await LatestEntryAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
            await Task.Delay(outbox.Value.PollInterval, time, stoppingToken);
        }
    }

    private async Task<long> LatestEntryAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        return await db.TimelineEntries.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
    }

    private async Task<long> TriggerAsync(long cursor, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        var firing = await db.TimelineEntries.AsNoTracking()
            .Where(e => e.Id > cursor && e.Kind == TimelineEntryKind.AlertFiring)
            .OrderBy(e => e.Id)
            .Take(Batch)
            .Select(e => new { e.Id, e.IncidentId })
            .ToListAsync(cancellationToken);
        // A burst of alerts on one incident is one trigger, on its latest entry. Only the firing alerts of the open incidents
        // among them are read, in one query: in an alert storm most new incidents match no automatic runbook.
        Dictionary<long, long> latestEntries = firing.GroupBy(e => e.IncidentId).ToDictionary(group => group.Key, group => group.Last().Id);
        List<long> incidentIds = [.. latestEntries.Keys];
        List<Alert> firingAlerts = await db.Alerts.AsNoTracking()
            .Where(a => incidentIds.Contains(a.IncidentId) && a.Status == AlertStatus.Firing
                && db.Incidents.Any(i => i.Id == a.IncidentId && i.Status != IncidentStatus.Resolved))
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        foreach (IGrouping<long, Alert> alerts in firingAlerts.GroupBy(a => a.IncidentId))
        {
            await TriggerAsync(scope.ServiceProvider, latestEntries[alerts.Key], new IncidentKey(alerts.Key), [.. alerts], cancellationToken);
        }
        return firing.Count > 0 ? firing[^1].Id : cursor;
    }

    private async Task TriggerAsync(
        IServiceProvider services, long entryId, IncidentKey key, IReadOnlyList<Alert> firingAlerts, CancellationToken cancellationToken)
    {
        var matches = new List<(Runbook Runbook, Alert Alert)>();
        foreach (Runbook runbook in catalog.All.Where(runbook => runbook.Auto))
        {
            if (firingAlerts.FirstOrDefault(a => runbook.Match.Matches(a.Labels)) is { } alert)
            {
                matches.Add((runbook, alert));
            }
        }
        if (matches.Count == 0)
        {
            return;
        }
        RunbookRunner runner = services.GetRequiredService<RunbookRunner>();
        foreach ((Runbook runbook, Alert alert) in matches)
        {
            var request = new RunRequest(runbook.Id, Actor.Runbook(runbook.Id), key)
            {
                Labels = alert.Labels,
                Automatic = true,
                TriggerEntryId = entryId,
            };
            RunPreparation preparation = await runner.PrepareAsync(request, cancellationToken);
            if (preparation.Plan is not { } plan)
            {
                LogNotStarted(logger, runbook.Id, key, preparation.Refusal ?? "");
                continue;
            }
            RunStartOutcome start = await runner.StartAsync(plan, cancellationToken);
            if (start.Run is { } run)
            {
                await services.GetRequiredService<IAutomaticRunCarrier>().CarryAsync(run, plan, cancellationToken);
            }
            else
            {
                LogNotStarted(logger, runbook.Id, key, start.Refusal ?? "");
            }
        }
    }

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "Automatic runbook {Runbook} did not start for {Incident}: {Reason}")]
    private static partial void LogNotStarted(ILogger logger, string runbook, IncidentKey incident, string reason);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Error, Message = "Could not check new alerts for automatic runbooks; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
