using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Core.Escalation;

/// <summary>
/// Escalation steps as due work: when an incident's next step is due and it is still unacknowledged, the step is a timeline
/// entry (the incident's channel is told of it) and a <see cref="Page"/> per person to notify, except its commander and
/// assignee, who are on it already (such as whoever declared it). A step with nobody to notify is recorded and the one after
/// it fires at once. After a reopening, whoever was paged for the incident less than
/// <see cref="EscalationOptions.RepageAfterReopen"/> ago is not paged again.
/// </summary>
internal sealed partial class EscalationSteps(
    IncidentsDbContext db, EscalationPolicies policies, EscalationMetrics metrics, ILogger<EscalationSteps> logger)
    : IncidentDueWorkKind<IncidentEscalation>(KindName, db)
{
    public const string KindName = "escalation-steps";

    /// <summary>When each target was last paged for the incident before it last (re)triggered, read with the escalation.</summary>
    private Dictionary<PageTarget, DateTimeOffset> _pagedBeforeTrigger = [];

    protected override async Task<IncidentEscalation?> FindAsync(string key, CancellationToken cancellationToken)
    {
        IncidentEscalation? escalation = await base.FindAsync(key, cancellationToken);
        if (escalation is not null)
        {
            var earlier = await Db.Pages.AsNoTracking()
                .Where(p => p.IncidentId == escalation.IncidentId && p.DueAt < escalation.TriggeredAt)
                .Select(p => new { p.Channel, p.Recipient, p.DueAt })
                .ToListAsync(cancellationToken);
            _pagedBeforeTrigger = earlier.GroupBy(p => new PageTarget(p.Channel, p.Recipient))
                .ToDictionary(g => g.Key, g => g.Max(p => p.DueAt));
        }
        return escalation;
    }

    protected override void Fire(IncidentEscalation escalation, DateTimeOffset dueAt, DateTimeOffset now)
    {
        Incident incident = escalation.Incident;
        if (incident.Status != IncidentStatus.Triggered)
        {
            escalation.Stop();
            return;
        }
        if (policies.Find(escalation.Policy) is not { } policy)
        {
            incident.Record(TimelineEntryKind.EscalationExhausted, Actor.System, now, $"Escalation stopped: policy {escalation.Policy} is no longer configured");
            escalation.Stop();
            return;
        }
        string severity = incident.Severity.ToDisplay();
        while (escalation.StepsFired < policy.MaxFirings)
        {
            int firing = escalation.StepsFired;
            EscalationStep step = policy.StepOf(firing);
            bool last = firing + 1 >= policy.MaxFirings;
            IReadOnlyList<PageTarget> targets = policies.PageTargetsFor(incident, step, now);
            if (targets.Count == 0)
            {
                string why = policies.Targets(step, now).Count == 0 ? DescribeTargets(step) : "everyone it would notify is on the incident already";
                incident.Record(TimelineEntryKind.EscalationSkipped, Actor.System, now,
                    $"Escalation {Describe(policy, firing)}: nobody to notify ({why}); moving on", dueAt: dueAt);
                metrics.StepFired(severity, "nobody_to_notify");
                escalation.Fired(last ? null : now);
                continue;
            }
            string then = last ? "that was the last step" : $"next step in {step.WaitMinutes} min unless acknowledged";
            List<PageTarget> pagedRecently = [.. targets.Where(target => PagedRecently(target, now))];
            string notPagedAgain = pagedRecently.Count == 0
                ? ""
                : $"not paging {string.Join(", ", pagedRecently)} again (paged under {policies.RepageAfterReopen.TotalMinutes:0} min ago, before the incident reopened); ";
            targets = [.. targets.Except(pagedRecently)];
            if (targets.Count == 0)
            {
                incident.Record(TimelineEntryKind.EscalationSkipped, Actor.System, now, $"Escalation {Describe(policy, firing)}: {notPagedAgain}{then}", dueAt: dueAt);
                metrics.StepFired(severity, "paged_recently");
                escalation.Fired(last ? null : now + TimeSpan.FromMinutes(step.WaitMinutes));
                return;
            }
            string text = $"Escalation {Describe(policy, firing)}: notifying {string.Join(", ", targets)}; {notPagedAgain}{then}";
            string[] slackTargets = [.. targets.Where(t => t.Channel == PageChannel.Slack).Select(t => t.Recipient)];
            incident.Record(TimelineEntryKind.EscalationStep, Actor.System, now, text, slackTargets, dueAt);
            Db.Pages.AddRange(targets.Select(target => new Page(incident, text, target, dueAt, now)));
            metrics.StepFired(severity, "notified");
            escalation.Fired(last ? null : now + TimeSpan.FromMinutes(step.WaitMinutes));
            LogStepFired(logger, incident.Key, firing + 1, targets.Count);
            return;
        }
        incident.Record(TimelineEntryKind.EscalationExhausted, Actor.System, now, $"Escalation policy {policy.Name} ran out of steps with nobody to notify");
    }

    /// <summary>
    /// Whether <paramref name="target"/> was paged so recently before the incident reopened that it is not paged again. A
    /// receiver that follows the incident (PagerDuty, a webhook) is always told again: it was told the incident resolved.
    /// </summary>
    private bool PagedRecently(PageTarget target, DateTimeOffset now) => !target.Channel.FollowsIncident()
        && _pagedBeforeTrigger.TryGetValue(target, out DateTimeOffset pagedAt) && now - pagedAt < policies.RepageAfterReopen;

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
}
