using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Slos;
using ChatOpsIncidents.Core.Storms;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Tests.Alerts;

/// <summary>
/// The webhook's intake (<see cref="AlertIntakeBatcher"/>) as one replica of the bot wires it, on a test database, with
/// optional interceptors on every context it opens (to inject failures or watch its commands).
/// </summary>
internal sealed class BatchedIntake : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public BatchedIntake(TestDb db, ManualTimeProvider time, params IInterceptor[] interceptors)
        : this(db, time, new StormOptions(), interceptors)
    {
    }

    public BatchedIntake(TestDb db, ManualTimeProvider time, StormOptions storms, params IInterceptor[] interceptors)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(Options.Create(new IncidentOptions()));
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(new SloCatalog([]));
        services.AddSingleton<AlertClassifier>();
        services.AddScoped(provider => new Automation(time, storms: storms).For(provider.GetRequiredService<IncidentsDbContext>()));
        services.AddScoped<AlertIntakeService>();
        services.AddSingleton<AlertIntakeBatcher>();
        services.AddScoped(_ =>
        {
            var builder = new DbContextOptionsBuilder<IncidentsDbContext>();
            CoreServiceCollectionExtensions.UseDatabase(builder, db.Options).AddInterceptors(interceptors);
            return new IncidentsDbContext(builder.Options);
        });
        _services = services.BuildServiceProvider();
    }

    public Task<AlertIntakeResult> DeliverAsync(AlertGroupSignal group) =>
        _services.GetRequiredService<AlertIntakeBatcher>().ReceiveAsync(group, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
