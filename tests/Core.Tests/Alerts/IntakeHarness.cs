using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Slos;
using ChatOpsIncidents.Core.Storms;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Tests.Alerts;

/// <summary>Delivers alert groups the way the webhook does: a fresh context and service per delivery.</summary>
internal sealed class IntakeHarness(TestDb db, ManualTimeProvider time, IncidentOptions? options = null, SloCatalog? slos = null, StormOptions? storms = null)
{
    private readonly IOptions<IncidentOptions> _options = Options.Create(options ?? new IncidentOptions());

    public Automation Automation { get; } = new(time, storms: storms);

    public async Task<AlertIntakeResult> DeliverAsync(AlertGroupSignal group)
    {
        await using IncidentsDbContext context = db.NewContext();
        var intake = new AlertIntakeService(context, new AlertClassifier(_options, slos ?? new SloCatalog([])), Automation.For(context), _options, time, NullLogger<AlertIntakeService>.Instance);
        return await intake.ReceiveAsync(group, TestContext.Current.CancellationToken);
    }

    public async Task<Incident> LoadAsync(IncidentKey key)
    {
        await using IncidentsDbContext context = db.NewContext();
        Incident? incident = await new IncidentQueries(context).FindAsync(key, TestContext.Current.CancellationToken);
        return incident ?? throw new InvalidOperationException($"{key} was not stored.");
    }

    public async Task<List<Incident>> AllIncidentsAsync()
    {
        await using IncidentsDbContext context = db.NewContext();
        return await context.Incidents.AsNoTracking().Include(i => i.Alerts).OrderBy(i => i.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    public async Task<int> TimelineCountAsync()
    {
        await using IncidentsDbContext context = db.NewContext();
        return await context.TimelineEntries.CountAsync(TestContext.Current.CancellationToken);
    }
}
