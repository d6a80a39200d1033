using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.SocketMode;

internal static class SocketModeServiceCollectionExtensions
{
    /// <summary>The Socket Mode transport: it connects only when <c>Slack:AppToken</c> is set. Expects <c>AddSlackInteractions</c>.</summary>
    public static IServiceCollection AddSocketMode(this IServiceCollection services)
    {
        services.TryAddSingleton(new SocketModeTimings());
        services.AddSingleton<SocketModeMetrics>();
        services.AddSingleton<SocketEnvelopeHandler>();
        services.AddSingleton<SocketModeUrls>();
        services.AddHttpClient(SocketModeUrls.ClientName, (provider, http) =>
        {
            http.BaseAddress = provider.GetRequiredService<IOptions<SlackOptions>>().Value.ApiRoot;
            http.Timeout = SocketModeUrls.Timeout;
        }).RemoveAllLoggers(); // the socket URL in the answer is a credential
        services.AddHostedService<SocketModeService>();
        return services;
    }
}
