using System.Diagnostics.Metrics;
using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.FollowUps;
using ChatOpsIncidents.Core.Heartbeats;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.OnCall;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Postmortems;
using ChatOpsIncidents.Core.Requests;
using ChatOpsIncidents.Core.Storms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace ChatOpsIncidents.Core.Tests.Escalation;

/// <summary>The escalation, postmortem and heartbeat services and their due work over one context, with a substitute scheduler.</summary>
/// <param name="meters">Where the instruments are created; meters no test reads when null.</param>
/// <param name="tracker">Where follow-ups become issues; nowhere when null.</param>
internal sealed class Automation(
    TimeProvider time,
    EscalationOptions? escalation = null,
    OnCallOptions? onCall = null,
    IMeterFactory? meters = null,
    StormOptions? storms = null,
    IFollowUpTracker? tracker = null)
{
    private readonly IFollowUpTracker _tracker = tracker ?? new NoFollowUpTracker();

    private readonly IOptions<StormOptions> _storms = Options.Create(storms ?? new StormOptions());

    private static readonly TestMeterFactory s_unread = new();

    public IDueWorkScheduler Scheduler { get; } = Substitute.For<IDueWorkScheduler>();

    public EscalationMetrics EscalationMetrics { get; } = new(meters ?? s_unread);

    public PostmortemMetrics PostmortemMetrics { get; } = new(meters ?? s_unread, Substitute.For<IServiceScopeFactory>(), time);

    public DueWorkMetrics DueWorkMetrics { get; } = new(meters ?? s_unread);

    /// <summary>The incident options final resolutions are planned with (Incidents:ReopenWindow).</summary>
    public IncidentOptions IncidentOptions { get; } = new();

    /// <summary>The dead-man's switch's options: the switch is on, with a 5-minute gap.</summary>
    public HeartbeatOptions HeartbeatOptions { get; } = new() { MaxGap = TimeSpan.FromMinutes(5) };

    public EscalationPolicies Policies { get; } = new(
        Options.Create(escalation ?? new EscalationOptions()), new OnCallRoster(Options.Create(onCall ?? new OnCallOptions())));

    public DueWorkService DueWork(IncidentsDbContext db) => new(
        db,
        [new EscalationSteps(db, Policies, EscalationMetrics, NullLogger<EscalationSteps>.Instance), new PostmortemReminders(db), new FinalResolutions(db),
            new StormEnds(db, new StormQueries(db, _storms), _storms), new HeartbeatChecks(db, new EscalationService(db, Policies), Options.Create(HeartbeatOptions)),
            new FollowUpIssues(db, _tracker, time, NullLogger<FollowUpIssues>.Instance)],
        Scheduler,
        DueWorkMetrics,
        time,
        NullLogger<DueWorkService>.Instance);

    public IncidentAutomation For(IncidentsDbContext db) => new(
        new EscalationService(db, Policies), new PostmortemService(db, PostmortemMetrics), new FinalResolutionService(db, Options.Create(IncidentOptions)),
        new StormService(db, new StormQueries(db, _storms), _storms), FollowUps(db), DueWork(db));

    public FollowUpService FollowUps(IncidentsDbContext db) => new(db, _tracker);

    /// <summary>
    /// The incident commands over <paramref name="db"/>: in its transaction when one is open, else group-committed in contexts
    /// with its options (and interceptors). The writers (group commit, replay records) are not disposed: each waits for writes on a
    /// thread-pool task, which ends with the test run.
    /// </summary>
    public IncidentService Incidents(IncidentsDbContext db)
    {
        var options = (DbContextOptions<IncidentsDbContext>)db.GetService<IDbContextOptions>();
        var services = new ServiceCollection()
            .AddScoped(_ => new IncidentsDbContext(options))
            .AddScoped(provider => For(provider.GetRequiredService<IncidentsDbContext>()))
            .BuildServiceProvider();
        IServiceScopeFactory scopes = services.GetRequiredService<IServiceScopeFactory>();
        return new(db, For(db), new GroupCommit(scopes, NullLogger<GroupCommit>.Instance), new HandledRequests(scopes, time), time);
    }

    public HeartbeatService Heartbeats(IncidentsDbContext db) => new(db, For(db), DueWork(db), Options.Create(HeartbeatOptions), time);
}
