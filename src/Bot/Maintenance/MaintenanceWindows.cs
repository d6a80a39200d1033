using ChatOpsIncidents.Bot.Silences;
using ChatOpsIncidents.Core.Maintenance;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Maintenance;

/// <summary>
/// Maintenance windows are Alertmanager silences that start when the window does, their comment led by
/// <see cref="CommentPrefix"/>: Alertmanager keeps them (gossiped across the pair); the bot keeps only what it is to announce
/// of each in the incidents channel (<see cref="MaintenanceWindowService"/>). Failures are the client's <see cref="AlertmanagerApiException"/>.
/// </summary>
internal sealed class MaintenanceWindows(
    AlertmanagerSilenceClient alertmanager, MaintenanceWindowService announcements, IOptions<AlertmanagerApiOptions> options)
{
    public const string CommentPrefix = "Maintenance: ";

    public const string NotConfigured = "Alertmanager is not configured (Alertmanager:Urls), so the bot cannot hold maintenance windows.";

    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>The reason given for the window <paramref name="window"/>: its comment after <see cref="CommentPrefix"/>.</summary>
    public static string ReasonOf(GettableSilence window) => window.Comment[CommentPrefix.Length..];

    /// <summary>Makes the window's silence, from <paramref name="start"/> for the request's length, to be announced; returns its id.</summary>
    public async Task<string> AddAsync(MaintenanceRequest request, DateTimeOffset start, string createdBy, CancellationToken cancellationToken)
    {
        DateTimeOffset end = start + request.Length;
        string id = await alertmanager.CreateAsync(new PostableSilence(request.Matchers, start, end, createdBy, CommentPrefix + request.Reason), cancellationToken);
        await announcements.AddedAsync(id, MaintenanceRequest.Describe(request.Matchers), request.Reason, start, end, createdBy, cancellationToken);
        return id;
    }

    /// <summary>
    /// Takes on, to be announced, the windows to come and under way that the bot does not keep: one whose bot stopped between
    /// making its silence and keeping it, one made before the bot kept windows, or one made with <c>amtool</c> with the comment
    /// prefix. Replicas doing it at once keep each window once.
    /// </summary>
    public async Task AdoptUnkeptAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<GettableSilence> windows = await ListAsync(cancellationToken);
        IReadOnlySet<string> kept = await announcements.KeptAsync([.. windows.Select(window => window.Id)], cancellationToken);
        foreach (GettableSilence window in windows.Where(window => !kept.Contains(window.Id)))
        {
            await announcements.AddedAsync(
                window.Id, MaintenanceRequest.Describe(window.Matchers), ReasonOf(window), window.StartsAt, window.EndsAt, window.CreatedBy, cancellationToken);
        }
    }

    /// <summary>The windows to come and under way, the soonest first.</summary>
    public async Task<IReadOnlyList<GettableSilence>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await alertmanager.ListAsync(cancellationToken))
            .Where(silence => silence.Comment.StartsWith(CommentPrefix, StringComparison.Ordinal) && silence.Status.State is "pending" or "active")
            .OrderBy(silence => silence.StartsAt)];

    /// <summary>
    /// <paramref name="cancelledBy"/> ends the window <paramref name="id"/> (or takes back one to come); false when no such window is
    /// to come or under way.
    /// </summary>
    public async Task<bool> CancelAsync(string id, string cancelledBy, CancellationToken cancellationToken)
    {
        if (!(await ListAsync(cancellationToken)).Any(window => window.Id == id))
        {
            return false;
        }
        await alertmanager.ExpireAsync(id, cancellationToken);
        await announcements.CancelledAsync(id, cancelledBy, cancellationToken);
        return true;
    }
}
