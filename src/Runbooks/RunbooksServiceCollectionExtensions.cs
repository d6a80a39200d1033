using System.Net;
using ChatOpsIncidents.Core.Metrics;
using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Execution;
using ChatOpsIncidents.Runbooks.Execution.Redaction;
using ChatOpsIncidents.Runbooks.Execution.Steps;
using ChatOpsIncidents.Runbooks.Kubernetes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Runbooks;

public static class RunbooksServiceCollectionExtensions
{
    /// <summary>
    /// Runbook files, the Kubernetes client (when configured), the guarded runner, the start-up work (loading every runbook,
    /// where a broken file stops the start, and marking runs a previous start left unfinished as interrupted) and the trigger of
    /// automatic runbooks. Expects Core, a <see cref="TimeProvider"/> and an <see cref="IAutomaticRunCarrier"/>.
    /// </summary>
    public static IServiceCollection AddRunbooks(this IServiceCollection services)
    {
        services.AddOptions<RunbookOptions>().BindConfiguration(RunbookOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RunbookOptions>, RunbookOptionsValidator>();
        services.AddOptions<KubernetesOptions>().BindConfiguration(KubernetesOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KubernetesOptions>, KubernetesOptionsValidator>();
        services.AddSingleton(provider => new RunbookCatalog(RunbookLoader.LoadFolder(provider.GetRequiredService<IOptions<RunbookOptions>>().Value.FullDirectory)));
        services.AddSingleton<IConfiguredServices, RunbookServices>();
        services.AddSingleton<KubernetesAccess>();
        services.AddSingleton<RunbookMetrics>();
        services.AddSingleton<GatheredOutputRedactor>();
        services.AddHttpClient(RunbookRunner.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false, // http.check follows only same-origin redirects
                PooledConnectionLifetime = TimeSpan.Zero, // each check connects (and is checked) anew: its allowed_hosts are its own
                ConnectCallback = new HttpCheckConnector(provider.GetRequiredService<KubernetesAccess>().Client?.Server, Dns.GetHostAddressesAsync).ConnectAsync,
            });
        services.AddScoped<RunbookRunner>();
        services.AddHostedService<RunbookStartup>();
        services.AddHostedService<AutoRunbookTrigger>();
        return services;
    }
}
