using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Events;

/// <summary>
/// Stores an event and lets it act on the incident of its dedup key, in one transaction, through the alert intake: a trigger
/// is one alert in a group of its own (integration and dedup key), so a repeated trigger attaches to the open incident and a
/// trigger after the resolution opens or reopens one as an alert firing again would; a resolve resolves that alert (and so
/// the incident, as <see cref="IncidentOptions.AutoResolve"/> says); an acknowledge acknowledges the triggered incident.
/// Below the incident threshold a trigger is stored and opens nothing; an event that changes nothing still counts as news of the
/// open incident of its dedup key, if there is one.
/// </summary>
public sealed partial class EventIntakeService(
    IncidentsDbContext db,
    AlertIntakeService alerts,
    IncidentAutomation automation,
    IOptions<IncidentOptions> options,
    TimeProvider time,
    ILogger<EventIntakeService> logger)
{
    private readonly IncidentOptions _options = options.Value;

    public async Task<EventIntakeResult> ReceiveAsync(EventSignal signal, EventSeverity incidentThreshold, CancellationToken cancellationToken)
    {
        (EventIntakeResult result, IReadOnlyList<IncidentWake> wakes) = await db.WriteAsync(token => ApplyAsync(signal, incidentThreshold, token), cancellationToken);
        await alerts.WakeAsync(wakes, cancellationToken);
        LogReceived(logger, signal.Action, signal.Integration, result.Incident);
        return result;
    }

    private async Task<(EventIntakeResult, IReadOnlyList<IncidentWake>)> ApplyAsync(EventSignal signal, EventSeverity incidentThreshold, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetStorableUtcNow();
        string groupKey = $"events/{signal.Integration}/{signal.DedupKey}";
        string groupKeyHash = AlertGroupSignal.HashGroupKey(groupKey);
        Incident? latest = await db.Incidents.Include(i => i.Alerts)
            .Where(i => i.GroupKeyHash == groupKeyHash)
            .OrderByDescending(i => i.Id)
            .FirstOrDefaultAsync(cancellationToken);
        Alert? alert = latest is { IsOpen: true } ? latest.Alerts.FirstOrDefault(a => a.Fingerprint == groupKeyHash) : null;
        (IncidentKey? incident, IReadOnlyList<IncidentWake> wakes) = signal.Action switch
        {
            EventAction.Trigger when signal.Severity >= incidentThreshold =>
                await ApplyAlertAsync(groupKey, Firing(signal, groupKeyHash, alert is { Status: AlertStatus.Firing } ? alert.StartsAt : now), cancellationToken),
            EventAction.Resolve when alert is { Status: AlertStatus.Firing } =>
                await ApplyAlertAsync(groupKey, Resolved(alert, now), cancellationToken),
            EventAction.Acknowledge when latest is { Status: IncidentStatus.Triggered } =>
                await AcknowledgeAsync(latest, signal, now, cancellationToken),
            _ => (latest is { IsOpen: true } ? latest.Key : null, []), // news of the open incident that changes nothing
        };
        var stored = new StoredEvent(signal, now, incident?.Number);
        db.Events.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        return (new EventIntakeResult(stored.Id, incident), wakes);
    }

    private async Task<(IncidentKey?, IReadOnlyList<IncidentWake>)> ApplyAlertAsync(string groupKey, AlertSignal alert, CancellationToken cancellationToken)
    {
        var group = new AlertGroupSignal(groupKey, "", null, new Dictionary<string, string>(), [alert]);
        (AlertIntakeResult result, IReadOnlyList<IncidentWake> wakes) = await alerts.ApplyAsync(AlertIntakeService.ForStorage(group), cancellationToken);
        return (result.Incident, wakes);
    }

    private async Task<(IncidentKey?, IReadOnlyList<IncidentWake>)> AcknowledgeAsync(Incident incident, EventSignal signal, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var by = new Actor(ActorKind.Integration, signal.Integration);
        incident.Acknowledge(by, now);
        IncidentWake? wake = await automation.ReactAsync(incident, IncidentStatus.Triggered, by, now, cancellationToken);
        return (incident.Key, wake is null ? [] : [wake]);
    }

    /// <summary>The trigger as an alert: labels for the classifier (severity through the matrix, service), annotations for people.</summary>
    private AlertSignal Firing(EventSignal signal, string fingerprint, DateTimeOffset startsAt)
    {
        var labels = new Dictionary<string, string>(signal.Labels, StringComparer.Ordinal)
        {
            ["alertname"] = signal.Summary ?? signal.DedupKey,
            [_options.SeverityLabel] = signal.Severity!.Value.ToString().ToLowerInvariant(),
        };
        if (signal.Service is not null && _options.ServiceLabels.FirstOrDefault() is { } serviceLabel)
        {
            labels[serviceLabel] = signal.Service;
        }
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, string? value) in new[]
        {
            ("summary", signal.Summary), ("source", signal.Source), ("component", signal.Component), ("group", signal.Group), ("class", signal.Class),
        })
        {
            if (!string.IsNullOrEmpty(value))
            {
                annotations[name] = value;
            }
        }
        return new AlertSignal(fingerprint, AlertStatus.Firing, labels, annotations, startsAt, null, signal.Url);
    }

    private static AlertSignal Resolved(Alert alert, DateTimeOffset now) =>
        new(alert.Fingerprint, AlertStatus.Resolved, alert.Labels, alert.Annotations, alert.StartsAt, now, alert.GeneratorUrl);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Event {Action} from integration {Integration} → incident {Incident}")]
    private static partial void LogReceived(ILogger logger, EventAction action, string integration, IncidentKey? incident);
}
