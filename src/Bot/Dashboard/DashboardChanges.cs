using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using ChatOpsIncidents.Core.Outbox;

namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>
/// <c>GET /dashboard/changes</c>: a Server-Sent Events stream with one <c>change</c> event after each commit that added timeline
/// entries in this process (the signal that wakes the Slack dispatcher), for open pages to refresh what they show; a <c>ready</c>
/// event first, once the stream is listening.
/// </summary>
internal static class DashboardChanges
{
    public const string Path = "/dashboard/changes";

    public static RouteHandlerBuilder MapDashboardChanges(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (OutboxSignal signal, IHostApplicationLifetime lifetime, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(ChangesAsync(signal, lifetime.ApplicationStopping, cancellationToken)))
            .ExcludeFromDescription();

    private static async IAsyncEnumerable<SseItem<string>> ChangesAsync(
        OutboxSignal signal, CancellationToken stopping, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancellationToken);
        Task next = signal.TimelineEntries.NextNotification; // taken before each event, so no commit falls between two waits
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
            next = signal.TimelineEntries.NextNotification;
            yield return new SseItem<string>("", "change");
        }
    }
}
