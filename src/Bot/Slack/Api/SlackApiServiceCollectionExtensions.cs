using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Api;

internal static class SlackApiServiceCollectionExtensions
{
    /// <summary>Slack's answers are small (<c>views.open</c> echoes a view of at most 250 kB); anything bigger is not Slack.</summary>
    private const int MaxAnswerBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Registers <see cref="ISlackApi"/> as a typed HttpClient on <c>Slack:ApiBaseUrl</c>, and the rate limiter its instances share.
    /// Expects <see cref="SlackOptions"/> to be bound (<c>AddSlack</c>) and uses the registered <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddSlackApi(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlackRateLimiter>();
        services.AddMetrics();
        services.TryAddSingleton<SlackApiMetrics>();
        services.AddHttpClient<ISlackApi, SlackApiClient>((provider, http) =>
        {
            Uri baseUrl = provider.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl;
            http.BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
            http.Timeout = Timeout.InfiniteTimeSpan; // each attempt has its own timeout, on the TimeProvider
            http.MaxResponseContentBufferSize = MaxAnswerBytes;
        }).RemoveAllLoggers(); // the default logging writes request URIs, and a file's upload URL is a credential
        return services;
    }
}
