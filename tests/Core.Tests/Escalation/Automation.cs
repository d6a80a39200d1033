using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.OnCall;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Postmortems;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace ChatOpsIncidents.Core.Tests.Escalation;

/// <summary>The escalation and postmortem services over one context, with substitute schedulers unless given.</summary>
internal sealed class Automation(TimeProvider time, EscalationOptions? escalation = null, OnCallOptions? onCall = null)
{
    public IEscalationScheduler Steps { get; } = Substitute.For<IEscalationScheduler>();

    public IPostmortemScheduler Reminders { get; } = Substitute.For<IPostmortemScheduler>();

    public EscalationMetrics EscalationMetrics { get; } = new(new TestMeterFactory());

    public PostmortemMetrics PostmortemMetrics { get; } = new(new TestMeterFactory());

    public EscalationPolicies Policies { get; } = new(
        Options.Create(escalation ?? new EscalationOptions()), new OnCallRoster(Options.Create(onCall ?? new OnCallOptions())));

    public EscalationService Escalations(IncidentsDbContext db) =>
        new(db, Policies, Steps, EscalationMetrics, time, NullLogger<EscalationService>.Instance);

    public PostmortemService Postmortems(IncidentsDbContext db) =>
        new(db, Reminders, PostmortemMetrics, time, NullLogger<PostmortemService>.Instance);

    public IncidentAutomation For(IncidentsDbContext db) => new(Escalations(db), Postmortems(db));

    public IncidentService Incidents(IncidentsDbContext db) => new(db, For(db), time);
}
