using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>
/// <c>GET /dashboard/changes</c>: a Server-Sent Events stream with one <c>change</c> event after commits that added timeline
/// entries, in this process or another replica (<see cref="DashboardChangeFeed"/>), for open pages to refresh what they show; a
/// <c>ready</c> event first, once the stream is listening.
/// </summary>
internal static class DashboardChanges
{
    public const string Path = "/dashboard/changes";

    public static RouteHandlerBuilder MapDashboardChanges(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (DashboardChangeFeed feed, IHostApplicationLifetime lifetime, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(ChangesAsync(feed, lifetime.ApplicationStopping, cancellationToken)))
            .ExcludeFromDescription();

    private static async IAsyncEnumerable<SseItem<string>> ChangesAsync(
        DashboardChangeFeed feed, CancellationToken stopping, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancellationToken);
        using IDisposable listening = feed.Listen();
        Task next = feed.NextChange; // taken before each event, so no change falls between two waits
        yield return new SseItem<string>("", "ready");
        while (true)
        {
            try
            {
                await next.WaitAsync(ended.Token);
            }
            catch (OperationCanceledException)
            {
                yield break; // the page went away or the bot is stopping
            }
            next = feed.NextChange;
            yield return new SseItem<string>("", "change");
        }
    }
}
