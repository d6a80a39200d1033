using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;

namespace ChatOpsIncidents.Bot.Slack.Api;

internal static class SlackApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISlackApi"/> as a typed HttpClient on <c>Slack:ApiBaseUrl</c>: its retries (<see cref="SlackRetries"/>)
    /// around its attempts (<see cref="SlackAttemptHandler"/>), and the rate limiter its instances share. Expects
    /// <see cref="SlackOptions"/> to be bound (<c>AddSlack</c>) and uses the registered <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddSlackApi(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlackRateLimiter>();
        services.AddMetrics();
        services.TryAddSingleton<SlackApiMetrics>();
        services.TryAddTransient<SlackAttemptHandler>();
        IHttpClientBuilder client = services.AddHttpClient<ISlackApi, SlackApiClient>((provider, http) =>
        {
            http.BaseAddress = provider.GetRequiredService<IOptions<SlackOptions>>().Value.ApiRoot;
            http.Timeout = Timeout.InfiniteTimeSpan; // each attempt has its own timeout, on the TimeProvider
            http.MaxResponseContentBufferSize = SlackAttemptHandler.MaxAnswerBytes;
        }).RemoveAllLoggers(); // the default logging writes request URIs, and a file's upload URL is a credential
        client.AddResilienceHandler("retries", (pipeline, context) =>
        {
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddRetry(SlackRetries.Strategy(context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackRetries).FullName!)));
        });
        client.AddHttpMessageHandler<SlackAttemptHandler>(); // inside the retries: each attempt goes through it
        // Each retry and failure is logged once, with Slack's method and error (events 2100-2104); Polly's own telemetry would
        // log each retry twice more, with a stack trace, and every successful call besides.
        services.AddLogging(logging => logging.AddFilter("Polly", LogLevel.None));
        return services;
    }
}
