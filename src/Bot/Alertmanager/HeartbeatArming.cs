using ChatOpsIncidents.Core.Heartbeats;

namespace ChatOpsIncidents.Bot.Alertmanager;

/// <summary>At start-up, once the database is migrated: starts the dead-man's switch's wait for a heartbeat (Alertmanager:Heartbeat).</summary>
internal sealed class HeartbeatArming(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HeartbeatService>().ArmAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
