using ChatOpsIncidents.Bot.Http;

namespace ChatOpsIncidents.Bot.Api;

internal static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddIncidentApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateOnStart();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        services.AddOpenApiDocumentation();
        return services;
    }
}
