using ChatOpsIncidents.Core.Slos;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slos;

internal static class SloServiceCollectionExtensions
{
    /// <summary>
    /// The SLOs of <c>Slos:Files</c> (read at start: a broken file stops it), the Prometheus client on <c>Prometheus:Url</c>
    /// and <see cref="SloBudgets"/>, which reads their budgets and burn rates, for the API and for the incidents their alerts
    /// open (<see cref="SloReadingWorker"/>). Uses the registered <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddSlos(this IServiceCollection services)
    {
        services.AddOptions<SloOptions>().BindConfiguration(SloOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SloOptions>, SloOptionsValidator>();
        services.AddOptions<PrometheusOptions>().BindConfiguration(PrometheusOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrometheusOptions>, PrometheusOptionsValidator>();
        services.AddSingleton(provider => new SloCatalog(SloSpecFile.ReadAll(provider.GetRequiredService<IOptions<SloOptions>>().Value.Files)));
        services.AddHttpClient<IPrometheusQueries, PrometheusClient>((provider, http) =>
        {
            PrometheusOptions options = provider.GetRequiredService<IOptions<PrometheusOptions>>().Value;
            http.BaseAddress = options.BaseAddress;
            http.Timeout = options.Timeout;
            http.MaxResponseContentBufferSize = PrometheusClient.MaxAnswerBytes;
        });
        services.AddScoped<SloBudgets>();
        services.AddScoped<IncidentSloReadings>();
        services.AddScoped<SloIncidents>();
        services.AddHostedService<SloReadingWorker>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, SloJsonContext.Default));
        return services;
    }
}
