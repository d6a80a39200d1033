using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Metrics;
using ChatOpsIncidents.Core.OnCall;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Escalation;

/// <summary>Which policy escalates an incident, and whom its steps notify at a given moment.</summary>
public sealed class EscalationPolicies(IOptions<EscalationOptions> options, OnCallRoster roster) : IConfiguredServices
{
    public IEnumerable<string> Services => options.Value.Policies.SelectMany(policy => policy.Services);

    public EscalationStop StopOn => options.Value.StopOn;

    public TimeSpan RepageAfterReopen => options.Value.RepageAfterReopen;

    public EscalationPolicy? For(Incident incident) => options.Value.Policies.FirstOrDefault(policy => policy.Covers(incident));

    public EscalationPolicy? Find(string name) =>
        options.Value.Policies.FirstOrDefault(policy => string.Equals(policy.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Everyone the step names, in order, each once: the schedules' on-call, the users, the groups' members, and each Slack
    /// user group as its @handle (its members are read from Slack when it is paged).
    /// </summary>
    public IReadOnlyList<string> Targets(EscalationStep step, DateTimeOffset at) =>
    [
        .. step.Schedules.SelectMany(schedule => roster.WhoIsOnCall(schedule, at))
            .Concat(step.Users)
            .Concat(step.Groups.SelectMany(group => options.Value.Groups.GetValueOrDefault(group) ?? []))
            .Concat(step.SlackGroups.Select(handle => Page.SlackGroupMark + handle.TrimStart(Page.SlackGroupMark)))
            .Distinct(StringComparer.Ordinal),
    ];

    /// <summary>Whom <paramref name="step"/> notifies about <paramref name="incident"/>: its <see cref="Targets"/> except the incident's commander and assignee, who are on it already.</summary>
    public IReadOnlyList<string> TargetsFor(Incident incident, EscalationStep step, DateTimeOffset at) =>
        [.. Targets(step, at).Where(person => person != incident.Commander && person != incident.Assignee)];

    /// <summary>
    /// Every page <paramref name="step"/> owes about <paramref name="incident"/>: the Slack pages of <see cref="TargetsFor"/>, then
    /// the step's emails (with those people's own when it says <see cref="EscalationStep.EmailPeople"/>), texts, PagerDuty
    /// services and webhooks, each once.
    /// </summary>
    public IReadOnlyList<PageTarget> PageTargetsFor(Incident incident, EscalationStep step, DateTimeOffset at)
    {
        IReadOnlyList<string> people = TargetsFor(incident, step, at);
        IEnumerable<string> emails = step.Email.Concat(step.EmailPeople ? people.Where(p => !p.StartsWith(Page.SlackGroupMark)) : []);
        return
        [
            .. people.Select(person => new PageTarget(PageChannel.Slack, person)),
            .. emails.Distinct(StringComparer.OrdinalIgnoreCase).Select(email => new PageTarget(PageChannel.Email, email)),
            .. step.Sms.Distinct(StringComparer.Ordinal).Select(number => new PageTarget(PageChannel.Sms, number)),
            .. step.PagerDuty.Distinct(StringComparer.OrdinalIgnoreCase).Select(service => new PageTarget(PageChannel.PagerDuty, service)),
            .. step.Webhooks.Distinct(StringComparer.OrdinalIgnoreCase).Select(webhook => new PageTarget(PageChannel.Webhook, webhook)),
        ];
    }

    /// <summary>The next step of a running escalation; null when it is stopped, exhausted or its policy is gone.</summary>
    public EscalationOutlook? Outlook(Incident incident, IncidentEscalation? escalation) =>
        escalation is { DueAt: { } at } && Find(escalation.Policy) is { } policy && escalation.StepsFired < policy.MaxFirings
            ? new EscalationOutlook(policy.Name, Math.Min(escalation.StepsFired + 1, policy.Steps.Count), policy.Steps.Count, at,
                TargetsFor(incident, policy.StepOf(escalation.StepsFired), at))
            : null;

    /// <summary>Who is on call now in the schedules of the incident's policy: invited to the incident's channel.</summary>
    public IReadOnlyList<string> OnCallResponders(Incident incident, DateTimeOffset at) => For(incident) is { } policy
        ? [.. policy.Steps.SelectMany(step => step.Schedules).Distinct(StringComparer.OrdinalIgnoreCase)
            .SelectMany(schedule => roster.WhoIsOnCall(schedule, at)).Distinct(StringComparer.Ordinal)]
        : [];
}
