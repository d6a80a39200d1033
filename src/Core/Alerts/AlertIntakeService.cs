using System.Globalization;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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
    private static readonly CompiledPerModel<Func<IncidentsDbContext, string, CancellationToken, Task<Incident?>>> s_latestOfGroup = new(
        () => EF.CompileAsyncQuery((IncidentsDbContext db, string groupKeyHash, CancellationToken _) =>
            db.Incidents.AsNoTracking().Where(i => i.GroupKeyHash == groupKeyHash).OrderByDescending(i => i.Id).FirstOrDefault()));

    private static readonly CompiledPerModel<Func<IncidentsDbContext, string, CancellationToken, Task<IncidentStamp>>> s_stampOfGroup = new(
        () => EF.CompileAsyncQuery((IncidentsDbContext db, string groupKeyHash, CancellationToken _) =>
            db.Incidents.Where(i => i.GroupKeyHash == groupKeyHash).OrderByDescending(i => i.Id).Select(i => new IncidentStamp(i.Id, i.Version)).FirstOrDefault()));

    private static readonly CompiledPerModel<Func<IncidentsDbContext, long, List<string>, IAsyncEnumerable<Alert>>> s_deliveredAlerts = new(
        () => EF.CompileAsyncQuery((IncidentsDbContext db, long incidentId, List<string> fingerprints) =>
            db.Alerts.AsNoTracking().Where(a => a.IncidentId == incidentId && fingerprints.Contains(a.Fingerprint))));

    private const string SavepointName = "alert_intake";

    private readonly IncidentOptions _options = options.Value;

    /// <summary>Applies one delivery in a transaction of its own (see <see cref="AlertIntakeBatcher"/> for the webhook's path).</summary>
    public async Task<AlertIntakeResult> ReceiveAsync(AlertGroupSignal group, CancellationToken cancellationToken)
    {
        AlertGroupSignal stored = ForStorage(group);
        (AlertIntakeResult result, IReadOnlyList<IncidentWake> wakes) = await db.WriteAsync(token => ApplyAsync(stored, token), cancellationToken);
        await WakeAsync(wakes, cancellationToken);
        LogReceived(logger, group.Alerts.Count, result.Incident, result.Outcome);
        return result;
    }

    /// <summary>
    /// The delivery as it will be stored and compared, within <see cref="TextLimits"/> (the group key stays whole: its hash
    /// tells groups apart); refuses an empty group.
    /// </summary>
    internal static AlertGroupSignal ForStorage(AlertGroupSignal group)
    {
        if (group.Alerts.Count == 0)
        {
            throw new ArgumentException("An alert group needs at least one alert.", nameof(group));
        }
        return group with
        {
            Receiver = TextLimits.Cut(group.Receiver, TextLimits.LabelValue),
            ExternalUrl = AlertText.BoundedUrl(group.ExternalUrl),
            CommonLabels = AlertText.Bounded(group.CommonLabels, TextLimits.LabelValue),
            Alerts = [.. group.Alerts.Select(a => a.ForStorage())],
        };
    }

    /// <summary>
    /// True when the group's latest incident is at <paramref name="remembered"/>, the stamp a delivery was found unchanged
    /// against, so that it still is (<see cref="RepeatedDeliveryIndex"/>): one indexed read of two columns.
    /// </summary>
    internal async Task<bool> IsStillUnchangedAsync(AlertGroupSignal stored, IncidentStamp remembered, CancellationToken cancellationToken)
    {
        bool unchanged = await s_stampOfGroup.For(db)(db, AlertGroupSignal.HashGroupKey(stored.GroupKey), cancellationToken) == remembered;
        if (unchanged)
        {
            LogReceived(logger, stored.Alerts.Count, remembered.Key, AlertIntakeOutcome.Unchanged);
        }
        return unchanged;
    }

    /// <summary>
    /// The incident, with the version compared, when the committed state already holds everything in <paramref name="stored"/>
    /// (Alertmanager re-sends every group each group_interval, mostly unchanged), so applying it would write nothing; null
    /// when it must be applied. Reads without a transaction: what they saw was committed. Only for an open incident with a
    /// delivered alert still firing, so that applying could not resolve it either. A new group costs one indexed read of the
    /// incidents alone.
    /// </summary>
    internal async Task<IncidentStamp?> FindUnchangedAsync(AlertGroupSignal stored, CancellationToken cancellationToken)
    {
        string groupKeyHash = AlertGroupSignal.HashGroupKey(stored.GroupKey);
        Incident? latest = await s_latestOfGroup.For(db)(db, groupKeyHash, cancellationToken);
        if (latest is not { IsOpen: true } || !latest.HasGroupDetails(stored))
        {
            return null;
        }
        Dictionary<string, Alert> delivered = await s_deliveredAlerts.For(db)(db, latest.Id, [.. stored.Alerts.Select(a => a.Fingerprint)])
            .ToDictionaryAsync(a => a.Fingerprint, StringComparer.Ordinal, cancellationToken);
        bool unchanged = stored.Alerts.All(signal => delivered.GetValueOrDefault(signal.Fingerprint) is { } alert && alert.IsCurrentWith(signal))
            && (!_options.AutoResolve || delivered.Values.Any(a => a.Status == AlertStatus.Firing));
        if (!unchanged)
        {
            return null;
        }
        LogReceived(logger, stored.Alerts.Count, latest.Key, AlertIntakeOutcome.Unchanged);
        return new IncidentStamp(latest.Id, latest.Version);
    }

    /// <summary>Applies one delivery inside the caller's transaction with one save, so a failure writes nothing of it.</summary>
    internal async Task<(AlertIntakeResult Result, IReadOnlyList<IncidentWake> Wakes)> ApplyAsync(AlertGroupSignal group, CancellationToken cancellationToken)
    {
        (IReadOnlyList<AlertIntakeResult> results, IReadOnlyList<IncidentWake> wakes) = await ApplyAllAsync([group], cancellationToken);
        return (results[0], wakes);
    }

    /// <summary>After the commit: tells the scheduler what the applied deliveries started or stopped.</summary>
    internal async Task WakeAsync(IReadOnlyList<IncidentWake> wakes, CancellationToken cancellationToken)
    {
        foreach (IncidentWake wake in wakes)
        {
            await automation.WakeAsync(wake, cancellationToken);
        }
    }

    /// <summary>
    /// Applies deliveries in order inside the caller's transaction: one read for all their groups, one save for all of
    /// them, so a failure writes nothing of any. A later delivery of the same group sees what the earlier ones did.
    /// Escalation and postmortem react once per incident, to its status before the first of them and after the last.
    /// </summary>
    internal async Task<(IReadOnlyList<AlertIntakeResult> Results, IReadOnlyList<IncidentWake> Wakes)> ApplyAllAsync(IReadOnlyList<AlertGroupSignal> groups, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetStorableUtcNow();
        List<string> hashes = [.. groups.Select(g => AlertGroupSignal.HashGroupKey(g.GroupKey)).Distinct()];
        Dictionary<string, Incident> latest = await db.Incidents
            .Include(i => i.Alerts)
            .Where(i => hashes.Contains(i.GroupKeyHash!)
                && i.Id == db.Incidents.Where(other => other.GroupKeyHash == i.GroupKeyHash).Max(other => other.Id))
            .ToDictionaryAsync(i => i.GroupKeyHash!, cancellationToken);
        List<long> ids = [.. latest.Values.Select(i => i.Id)];
        DateTimeOffset flappingSince = now - _options.FlappingWindow;
        Dictionary<long, int> recentReopens = await db.TimelineEntries
            .Where(e => ids.Contains(e.IncidentId) && e.Kind == TimelineEntryKind.Reopened && e.At >= flappingSince)
            .GroupBy(e => e.IncidentId)
            .Select(g => new { IncidentId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.IncidentId, g => g.Count, cancellationToken);

        if (groups.Any(g => latest.GetValueOrDefault(AlertGroupSignal.HashGroupKey(g.GroupKey)) is not { IsOpen: true }))
        {
            await automation.HoldStormDecisionsAsync(cancellationToken); // an incident may open: whether it makes a storm is decided after
        }
        var applied = new List<(Incident Incident, AlertIntakeOutcome Outcome)>(groups.Count);
        var statusBefore = new Dictionary<Incident, IncidentStatus?>(ReferenceEqualityComparer.Instance);
        foreach (AlertGroupSignal group in groups)
        {
            string groupKeyHash = AlertGroupSignal.HashGroupKey(group.GroupKey);
            Incident? previous = latest.GetValueOrDefault(groupKeyHash);
            IncidentStatus? previousStatus = previous?.Status;
            (Incident incident, AlertIntakeOutcome outcome) = Choose(previous, group, recentReopens, now);
            statusBefore.TryAdd(incident, ReferenceEquals(incident, previous) ? previousStatus : null);
            latest[groupKeyHash] = incident;
            int entriesBefore = incident.Timeline.Count;
            incident.UpdateGroupDetails(group);
            ApplyAlerts(incident, group, now);
            if (incident.IsOpen && incident.Alerts.All(a => a.Status == AlertStatus.Resolved))
            {
                if (outcome == AlertIntakeOutcome.Opened)
                {
                    incident.ResolveOnArrival(quiet: !_options.ChannelForResolvedOnArrival, now);
                }
                else if (_options.AutoResolve)
                {
                    incident.AutoResolve(now);
                }
            }
            bool changed = outcome != AlertIntakeOutcome.Updated || incident.Timeline.Count != entriesBefore; // news people hear about
            applied.Add((incident, changed ? outcome : AlertIntakeOutcome.Unchanged));
        }
        List<IncidentWake> wakes = [];
        foreach ((Incident incident, IncidentStatus? before) in statusBefore)
        {
            if (await automation.ReactAsync(incident, before, Actor.Alertmanager, now, cancellationToken) is { } wake)
            {
                wakes.Add(wake);
            }
        }
        await SaveAsync(cancellationToken);
        List<Incident> opened = [.. applied.Where(a => a.Outcome == AlertIntakeOutcome.Opened && a.Incident.IsOpen).Select(a => a.Incident)];
        if (await automation.GatherIntoStormAsync(opened, now, cancellationToken) is { } stormWake)
        {
            wakes.Add(stormWake);
        }
        return ([.. applied.Select(a => new AlertIntakeResult(a.Incident.Key, a.Outcome))], wakes); // keys are known once saved
    }

    /// <summary>
    /// Saves the deliveries: the incidents (and what hangs on them: deliveries, escalations...) through EF Core, then
    /// their new alerts and timeline entries, most of a new group's rows, in one statement per table once the incidents
    /// have their ids. All of it or nothing: a failure rolls back to the savepoint taken before.
    /// </summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        List<Incident> incidents = [.. db.ChangeTracker.Entries<Incident>().Select(e => e.Entity)];
        List<(Incident Incident, Alert Row)> alerts = [.. incidents.SelectMany(i => i.Alerts.Where(IsNew).Select(a => (i, a)))];
        List<(Incident Incident, TimelineEntry Row)> entries = [.. incidents.SelectMany(i => i.Timeline.Where(IsNew).Select(e => (i, e)))];
        alerts.ForEach(a => db.Entry(a.Row).State = EntityState.Detached);
        entries.ForEach(e => db.Entry(e.Row).State = EntityState.Detached);

        IDbContextTransaction transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Alert deliveries are saved inside a transaction.");
        await transaction.CreateSavepointAsync(SavepointName, cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false; // it would find the detached rows on their incidents and add them back
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await BulkInsert.InsertAsync(db, [.. alerts.Select(a => (a.Row, a.Incident.Id))], nameof(Alert.IncidentId), cancellationToken);
            await BulkInsert.InsertAsync(db, [.. entries.Select(e => (e.Row, e.Incident.Id))], nameof(TimelineEntry.IncidentId), cancellationToken);
        }
        catch
        {
            await transaction.RollbackToSavepointAsync(SavepointName, CancellationToken.None);
            throw;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
        await transaction.ReleaseSavepointAsync(SavepointName, cancellationToken);
    }

    private bool IsNew(object row) => db.Entry(row).State == EntityState.Added;

    /// <param name="recentReopens">How often each incident reopened within <see cref="IncidentOptions.FlappingWindow"/>; counts this reopening too.</param>
    private (Incident Incident, AlertIntakeOutcome Outcome) Choose(
        Incident? latest, AlertGroupSignal group, Dictionary<long, int> recentReopens, DateTimeOffset now)
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
                int times = recentReopens[latest.Id] = recentReopens.GetValueOrDefault(latest.Id) + 1;
                DateTimeOffset? flappingUntil = times >= _options.FlappingThreshold ? now + _options.FlappingWindow : null;
                latest.Reopen(ReopenReason(refiring.AlertName ?? "an alert", now - latest.ResolvedAt!.Value, times), now, flappingUntil);
                return (latest, AlertIntakeOutcome.Reopened);
            }
        }
        IncidentTraits traits = classifier.Describe(group);
        DateTimeOffset detectedAt = group.Alerts.Min(a => a.StartsAt);
        Incident opened = Incident.OpenFromAlerts(group, traits, detectedAt < now ? detectedAt : now, now);
        db.Incidents.Add(opened);
        return (opened, AlertIntakeOutcome.Opened);
    }

    /// <summary>
    /// "X fired again 29 min after the incident was resolved"; from its second reopening within the flapping window,
    /// "flapping: X fired again 40 s after resolving, 3rd time in 10 min".
    /// </summary>
    private string ReopenReason(string alert, TimeSpan sinceResolved, int timesInWindow) => timesInWindow < 2
        ? $"{alert} fired again {Elapsed(sinceResolved)} after the incident was resolved"
        : $"flapping: {alert} fired again {Elapsed(sinceResolved)} after resolving, {Ordinal(timesInWindow)} time in {Elapsed(_options.FlappingWindow)}";

    /// <summary>"2nd", "3rd", "11th", "21st".</summary>
    private static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => $"{n}th",
        _ => (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" },
    };

    /// <summary>"40 s" under two minutes (a flapping alert fires again within seconds), else "29 min".</summary>
    private static string Elapsed(TimeSpan elapsed) => elapsed < TimeSpan.FromMinutes(2)
        ? $"{elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s"
        : $"{elapsed.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} min";

    private void ApplyAlerts(Incident incident, AlertGroupSignal group, DateTimeOffset now)
    {
        List<AlertSignal> endedBeforeStarting = [];
        foreach (AlertSignal signal in group.Alerts.OrderBy(a => a.StartsAt).ThenBy(a => a.Fingerprint, StringComparer.Ordinal))
        {
            Alert? stored = Find(incident, signal);
            if (stored is null)
            {
                incident.AttachAlert(new Alert(signal), now);
            }
            else if (stored.IsCurrentWith(signal))
            {
                continue;
            }
            else if (stored.Apply(signal))
            {
                incident.RecordAlertChange(stored, now);
            }
            else
            {
                incident.RecordQuietChange();
                continue;
            }
            if (signal.ReportedEndsAt is not null)
            {
                endedBeforeStarting.Add(signal);
            }
            if (signal.Status == AlertStatus.Firing && incident.IsOpen)
            {
                incident.RaiseSeverityFromAlert(classifier.SeverityOf(signal), signal.AlertName ?? signal.Fingerprint, now);
            }
        }
        if (endedBeforeStarting.Count > 0)
        {
            incident.RecordInconsistentAlertTimes(endedBeforeStarting, now); // one note per delivery, however many a skewed clock sent
        }
    }

    private static bool IsNewFiring(Incident incident, AlertSignal signal) => Find(incident, signal) is { } stored
        ? stored.IsNewFiring(signal)
        : signal.Status == AlertStatus.Firing;

    private static Alert? Find(Incident incident, AlertSignal signal) => incident.Alerts.FirstOrDefault(a => a.Fingerprint == signal.Fingerprint);

    internal void LogApplied(AlertGroupSignal group, AlertIntakeResult result) => LogReceived(logger, group.Alerts.Count, result.Incident, result.Outcome);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Alert group with {AlertCount} alerts → {Incident}: {Outcome}")]
    private static partial void LogReceived(ILogger logger, int alertCount, IncidentKey incident, AlertIntakeOutcome outcome);
}
