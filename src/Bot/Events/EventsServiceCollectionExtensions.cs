using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Events;

internal static class EventsServiceCollectionExtensions
{
    /// <summary>The event intake of <c>Events:Integrations</c> (PagerDuty's Events API v2), the events API and their pruning.</summary>
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddOptions<EventsOptions>().BindConfiguration(EventsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EventsOptions>, EventsOptionsValidator>();
        services.AddSingleton<IntegrationDirectory>();
        services.AddSingleton<IntegrationRateLimits>();
        services.AddHostedService<EventPruning>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, EventsJsonContext.Default));
        return services;
    }
}
