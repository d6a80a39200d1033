using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Silences;

internal static class SilenceServiceCollectionExtensions
{
    /// <summary>Alertmanager's silences API on <c>Alertmanager:Urls</c>, incident silencing, maintenance windows (and their API's JSON), and the worker that lifts "until resolved" silences and takes on windows the bot does not keep yet.</summary>
    public static IServiceCollection AddSilences(this IServiceCollection services)
    {
        services.AddOptions<AlertmanagerApiOptions>().BindConfiguration(AlertmanagerApiOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertmanagerApiOptions>, AlertmanagerApiOptionsValidator>();
        services.AddHttpClient<AlertmanagerSilenceClient>((provider, http) =>
        {
            http.Timeout = provider.GetRequiredService<IOptions<AlertmanagerApiOptions>>().Value.ApiTimeout;
            http.MaxResponseContentBufferSize = AlertmanagerSilenceClient.MaxAnswerBytes;
        });
        services.AddScoped<IncidentSilencing>();
        services.AddScoped<Maintenance.MaintenanceWindows>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, Maintenance.MaintenanceJsonContext.Default));
        services.AddHostedService<SilenceUpkeepWorker>();
        return services;
    }
}
