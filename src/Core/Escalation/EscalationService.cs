using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Core.Escalation;

/// <summary>
/// Escalates triggered incidents step by step. The state lives in the incident database; each step is a timeline entry
/// (the incident's channel is told of it) and a <see cref="Page"/> per person to notify, written in the same transaction as the
/// state change. A step and a racing ack both change the incident's version, so one of them goes first and the other sees its
/// outcome: a step after an ack never fires.
/// </summary>
public sealed partial class EscalationService(
    IncidentsDbContext db,
    EscalationPolicies policies,
    IEscalationScheduler scheduler,
    EscalationMetrics metrics,
    TimeProvider time,
    ILogger<EscalationService> logger)
{
    /// <summary>A step this late is fired by the safety net: its trigger was lost, or the node that had it died.</summary>
    public static readonly TimeSpan OverdueAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// In the caller's transaction, after it changed <paramref name="incident"/>: starts escalating an incident that (re)entered
    /// Triggered, stops escalating one that left it. Returns the escalation to wake after the commit, or null when nothing changed.
    /// </summary>
    internal async Task<IncidentEscalation?> TrackAsync(Incident incident, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IncidentEscalation? escalation = incident.Id == 0
            ? null
            : await db.Escalations.SingleOrDefaultAsync(e => e.IncidentId == incident.Id, cancellationToken);
        if (incident.Status != IncidentStatus.Triggered)
        {
            if (escalation is not { NextStepAt: not null })
            {
                return null;
            }
            escalation.Stop();
            return escalation;
        }
        if ((escalation is not null && escalation.TriggeredAt == incident.TriggeredAt) || policies.For(incident) is not { } policy)
        {
            return null;
        }
        if (escalation is null)
        {
            escalation = new IncidentEscalation(incident);
            db.Escalations.Add(escalation);
        }
        escalation.Start(policy.Name, incident.TriggeredAt, now);
        return escalation;
    }

    /// <summary>Tells the scheduler about the escalation's next step (or that there is none). A failure is logged: the safety net covers it.</summary>
    internal async Task WakeAsync(IncidentEscalation escalation, CancellationToken cancellationToken)
    {
        try
        {
            if (escalation.NextStepAt is { } dueAt)
            {
                await scheduler.ScheduleStepAsync(escalation.Incident.Key, dueAt, cancellationToken);
            }
            else
            {
                await scheduler.CancelStepAsync(escalation.Incident.Key, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSchedulingFailed(logger, escalation.Incident.Key, exception);
        }
    }

    /// <summary>Fires the incident's next step when it is due and the incident is still unacknowledged; false when there was nothing to fire.</summary>
    public async Task<bool> FireDueAsync(IncidentKey key, CancellationToken cancellationToken)
    {
        IncidentEscalation? fired = await db.WriteAsync(
            async token =>
            {
                DateTimeOffset now = time.GetStorableUtcNow();
                IncidentEscalation? escalation = await db.Escalations.Include(e => e.Incident)
                    .SingleOrDefaultAsync(e => e.IncidentId == key.Number, token);
                if (escalation is not { NextStepAt: { } dueAt } || dueAt > now)
                {
                    return null;
                }
                if (escalation.Incident.Status == IncidentStatus.Triggered)
                {
                    Fire(escalation, dueAt, now);
                }
                else
                {
                    escalation.Stop();
                }
                await db.SaveChangesAsync(token);
                return escalation;
            },
            cancellationToken);
        if (fired is null)
        {
            return false;
        }
        await WakeAsync(fired, cancellationToken);
        return true;
    }

    /// <summary>The safety net: fires every step more than <see cref="OverdueAfter"/> late. Returns how many fired.</summary>
    public async Task<int> FireOverdueAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset cutoff = time.GetStorableUtcNow() - OverdueAfter;
        List<long> overdue = await db.Escalations.AsNoTracking()
            .Where(e => e.NextStepAt != null && e.NextStepAt <= cutoff)
            .OrderBy(e => e.NextStepAt)
            .Select(e => e.IncidentId)
            .ToListAsync(cancellationToken);
        int fired = 0;
        foreach (long id in overdue)
        {
            var key = new IncidentKey(id);
            if (await FireDueAsync(key, cancellationToken))
            {
                fired++;
                metrics.OverdueFired();
                LogOverdueFired(logger, key);
            }
        }
        return fired;
    }

    /// <summary>Fires the next step; a step with nobody to notify is recorded and the one after it fires at once.</summary>
    private void Fire(IncidentEscalation escalation, DateTimeOffset dueAt, DateTimeOffset now)
    {
        Incident incident = escalation.Incident;
        string severity = incident.Severity.ToDisplay();
        if (policies.Find(escalation.Policy) is not { } policy)
        {
            incident.Record(TimelineEntryKind.EscalationExhausted, Actor.System, now, $"Escalation stopped: policy {escalation.Policy} is no longer configured");
            escalation.Stop();
            return;
        }
        while (escalation.StepsFired < policy.MaxFirings)
        {
            int firing = escalation.StepsFired;
            EscalationStep step = policy.StepOf(firing);
            bool last = firing + 1 >= policy.MaxFirings;
            IReadOnlyList<string> targets = policies.Targets(step, now);
            if (targets.Count == 0)
            {
                incident.Record(TimelineEntryKind.EscalationSkipped, Actor.System, now,
                    $"Escalation {Describe(policy, firing)}: nobody to notify ({DescribeTargets(step)}); moving on", dueAt: dueAt);
                metrics.StepFired(severity, "nobody_to_notify");
                escalation.Fired(last ? null : now);
                continue;
            }
            string then = last ? "that was the last step" : $"next step in {step.WaitMinutes} min unless acknowledged";
            string text = $"Escalation {Describe(policy, firing)}: notifying {string.Join(", ", targets)}; {then}";
            incident.Record(TimelineEntryKind.EscalationStep, Actor.System, now, text, targets, dueAt);
            db.Pages.AddRange(targets.Select(target => new Page(incident, text, target, dueAt, now)));
            metrics.StepFired(severity, "notified");
            escalation.Fired(last ? null : now + TimeSpan.FromMinutes(step.WaitMinutes));
            LogStepFired(logger, incident.Key, firing + 1, targets.Count);
            return;
        }
        incident.Record(TimelineEntryKind.EscalationExhausted, Actor.System, now, $"Escalation policy {policy.Name} ran out of steps with nobody to notify");
    }

    private static string Describe(EscalationPolicy policy, int firing) => firing < policy.Steps.Count
        ? $"step {firing + 1} of {policy.Steps.Count} ({policy.Name})"
        : $"step {policy.Steps.Count} of {policy.Steps.Count} ({policy.Name}), repeat {firing - policy.Steps.Count + 1} of {policy.RepeatLastStep}";

    private static string DescribeTargets(EscalationStep step) => string.Join("; ", new[]
    {
        step.Schedules.Length > 0 ? $"nobody on call in {string.Join(", ", step.Schedules)}" : null,
        step.Groups.Length > 0 ? $"group {string.Join(", ", step.Groups)} is empty" : null,
    }.OfType<string>());

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Escalated {Incident}: step {Step} notifies {Targets} people")]
    private static partial void LogStepFired(ILogger logger, IncidentKey incident, int step, int targets);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "The safety net fired the overdue escalation step of {Incident}: its trigger was late or lost")]
    private static partial void LogOverdueFired(ILogger logger, IncidentKey incident);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Could not schedule the next escalation step of {Incident}; the safety net will fire it")]
    private static partial void LogSchedulingFailed(ILogger logger, IncidentKey incident, Exception exception);
}
