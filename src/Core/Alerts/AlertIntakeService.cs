using System.Globalization;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Alerts;

/// <summary>
/// Turns an alert group snapshot into incident state in one transaction: one open incident per group key,
/// alerts upserted by fingerprint, auto-resolve when all alerts resolved, reopen within the reopen window.
/// Applying the same snapshot twice changes nothing the second time.
/// </summary>
public sealed partial class AlertIntakeService(
    IncidentsDbContext db,
    AlertClassifier classifier,
    IncidentAutomation automation,
    IOptions<IncidentOptions> options,
    TimeProvider time,
    ILogger<AlertIntakeService> logger)
{
    private readonly IncidentOptions _options = options.Value;

    public async Task<AlertIntakeResult> ReceiveAsync(AlertGroupSignal group, CancellationToken cancellationToken)
    {
        if (group.Alerts.Count == 0)
        {
            throw new ArgumentException("An alert group needs at least one alert.", nameof(group));
        }
        AlertGroupSignal stored = group with { Alerts = [.. group.Alerts.Select(a => a.ForStorage())] };
        (AlertIntakeResult result, IncidentWake? wake) = await db.WriteAsync(token => ApplyAsync(stored, token), cancellationToken);
        await automation.WakeAsync(wake, cancellationToken);
        LogReceived(logger, group.Alerts.Count, result.Incident, result.Outcome);
        return result;
    }

    private async Task<(AlertIntakeResult Result, IncidentWake? Wake)> ApplyAsync(AlertGroupSignal group, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetStorableUtcNow();
        string groupKeyHash = AlertGroupSignal.HashGroupKey(group.GroupKey);
        Incident? latest = await db.Incidents
            .Include(i => i.Alerts)
            .Where(i => i.GroupKeyHash == groupKeyHash)
            .OrderByDescending(i => i.Id)
            .FirstOrDefaultAsync(cancellationToken);

        IncidentStatus? latestStatus = latest?.Status;
        (Incident incident, AlertIntakeOutcome outcome) = Choose(latest, group, now);
        IncidentStatus? statusBefore = ReferenceEquals(incident, latest) ? latestStatus : null;
        int versionBefore = incident.Version;
        incident.UpdateGroupDetails(group);
        ApplyAlerts(incident, group, now);
        if (incident.IsOpen && _options.AutoResolve && incident.Alerts.All(a => a.Status == AlertStatus.Resolved))
        {
            incident.AutoResolve(now);
        }
        IncidentWake? wake = await automation.ReactAsync(incident, statusBefore, Actor.Alertmanager, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        bool changed = outcome != AlertIntakeOutcome.Updated || incident.Version != versionBefore;
        return (new AlertIntakeResult(incident.Key, changed ? outcome : AlertIntakeOutcome.Unchanged), wake);
    }

    private (Incident Incident, AlertIntakeOutcome Outcome) Choose(Incident? latest, AlertGroupSignal group, DateTimeOffset now)
    {
        if (latest is { IsOpen: true })
        {
            return (latest, AlertIntakeOutcome.Updated);
        }
        if (latest is not null)
        {
            AlertSignal? refiring = group.Alerts.FirstOrDefault(signal => IsNewFiring(latest, signal));
            bool withinWindow = now - latest.ResolvedAt <= _options.ReopenWindow;
            if (refiring is null && (withinWindow || group.Alerts.All(signal => Find(latest, signal) is not null)))
            {
                return (latest, AlertIntakeOutcome.Updated); // late news of an episode this incident already covered
            }
            if (refiring is not null && withinWindow)
            {
                string minutes = (now - latest.ResolvedAt!.Value).TotalMinutes.ToString("0", CultureInfo.InvariantCulture);
                latest.Reopen($"{refiring.AlertName ?? "an alert"} fired again {minutes} min after the incident was resolved", now);
                return (latest, AlertIntakeOutcome.Reopened);
            }
        }
        IncidentTraits traits = classifier.Describe(group);
        DateTimeOffset detectedAt = group.Alerts.Min(a => a.StartsAt);
        Incident opened = Incident.OpenFromAlerts(group, traits, detectedAt < now ? detectedAt : now, now);
        db.Incidents.Add(opened);
        return (opened, AlertIntakeOutcome.Opened);
    }

    private void ApplyAlerts(Incident incident, AlertGroupSignal group, DateTimeOffset now)
    {
        foreach (AlertSignal signal in group.Alerts.OrderBy(a => a.StartsAt).ThenBy(a => a.Fingerprint, StringComparer.Ordinal))
        {
            Alert? stored = Find(incident, signal);
            if (stored is null)
            {
                incident.AttachAlert(new Alert(signal), now);
            }
            else if (stored.Apply(signal))
            {
                incident.RecordAlertChange(stored, now);
            }
            else
            {
                continue;
            }
            if (signal.Status == AlertStatus.Firing && incident.IsOpen)
            {
                incident.RaiseSeverityFromAlert(classifier.SeverityOf(signal), signal.AlertName ?? signal.Fingerprint, now);
            }
        }
    }

    private static bool IsNewFiring(Incident incident, AlertSignal signal) => Find(incident, signal) is { } stored
        ? stored.IsNewFiring(signal)
        : signal.Status == AlertStatus.Firing;

    private static Alert? Find(Incident incident, AlertSignal signal) => incident.Alerts.FirstOrDefault(a => a.Fingerprint == signal.Fingerprint);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Alert group with {AlertCount} alerts → {Incident}: {Outcome}")]
    private static partial void LogReceived(ILogger logger, int alertCount, IncidentKey incident, AlertIntakeOutcome outcome);
}
