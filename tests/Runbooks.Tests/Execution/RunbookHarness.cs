using ChatOpsIncidents.Core;
using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Reports;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Execution;
using ChatOpsIncidents.Runbooks.Tests.Kubernetes;
using ChatOpsIncidents.TestSupport;
using ChatOpsIncidents.TestSupport.Kubernetes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace ChatOpsIncidents.Runbooks.Tests.Execution;

/// <summary>
/// The runbook runner as the bot wires it (AddCore, AddRunbooks), on a real database, with the Kubernetes stand-in behind a
/// kubeconfig, the given runbook files, namespace "payments" allowed, and a manual clock.
/// </summary>
internal sealed class RunbookHarness : IAsyncDisposable
{
    private readonly string _folder;

    private RunbookHarness(ServiceProvider services, ManualTimeProvider time, string folder)
    {
        Services = services;
        Time = time;
        _folder = folder;
    }

    public ServiceProvider Services { get; }

    public ManualTimeProvider Time { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<RunbookHarness> StartAsync(KubernetesStandIn k8s, Dictionary<string, string> runbooks, string? postgres = null)
    {
        string folder = Directory.CreateTempSubdirectory("runbooks-test-").FullName;
        string runbookFolder = Directory.CreateDirectory(Path.Combine(folder, "runbooks")).FullName;
        foreach ((string file, string text) in runbooks)
        {
            File.WriteAllText(Path.Combine(runbookFolder, file), text);
        }
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["Database:SqlitePath"] = Path.Combine(folder, "incidents.db"),
            ["ConnectionStrings:Incidents"] = postgres,
            ["Runbooks:Directory"] = runbookFolder,
            ["Runbooks:InstanceName"] = "test-replica",
            ["Kubernetes:KubeconfigPath"] = Kubeconfigs.Write(folder, k8s.Kubeconfig()),
            ["Kubernetes:AllowedNamespaces:0"] = "payments",
        };
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(time);
        services.AddCore();
        services.AddSingleton(Substitute.For<IDueWorkScheduler>()); // Quartz lives in the Bot; runs never escalate
        services.AddSingleton(Substitute.For<IReportSchedule>()); // so does the weekly report's calendar
        services.AddRunbooks();
        ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.InitializeIncidentsDatabaseAsync(Ct);
        return new RunbookHarness(provider, time, folder);
    }

    public async Task<IncidentKey> DeclareAsync()
    {
        await using AsyncServiceScope scope = Services.CreateAsyncScope();
        IncidentCommandResult result = await scope.ServiceProvider.GetRequiredService<IncidentService>()
            .DeclareAsync(new DeclaredIncident("Checkout is crash looping", Severity.Sev2), Actor.Api("test"), Ct);
        return result.Incident!.Key;
    }

    public async Task<Incident> IncidentAsync(IncidentKey key)
    {
        await using AsyncServiceScope scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IncidentQueries>().FindAsync(key, Ct) ?? throw new InvalidOperationException($"{key} is gone.");
    }

    /// <summary>Prepares and, when the plan allows, starts the run; the refusal otherwise.</summary>
    public async Task<(RunbookRun? Run, RunPlan? Plan, string? Refusal)> StartAsync(RunRequest request)
    {
        await using AsyncServiceScope scope = Services.CreateAsyncScope();
        RunbookRunner runner = scope.ServiceProvider.GetRequiredService<RunbookRunner>();
        RunPreparation preparation = await runner.PrepareAsync(request, Ct);
        if (preparation.Plan is not { } plan)
        {
            return (null, null, preparation.Refusal);
        }
        RunStartOutcome outcome = await runner.StartAsync(plan, Ct);
        return (outcome.Run, plan, outcome.Refusal);
    }

    public async Task<RunbookRun> ExecuteAsync(RunbookRun run, RunPlan plan, IRunObserver observer)
    {
        await using AsyncServiceScope scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RunbookRunner>().ExecuteAsync(run, plan, observer, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
