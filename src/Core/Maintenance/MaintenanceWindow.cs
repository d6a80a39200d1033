using System.Globalization;
using ChatOpsIncidents.Core.DueWork;

namespace ChatOpsIncidents.Core.Maintenance;

/// <summary>
/// A maintenance window (an Alertmanager silence, <see cref="SilenceId"/>) as the incidents channel is told of it: due at its
/// start, when "started" is announced, then at its end, when "ended" is; <see cref="DueAt"/> is null once the channel was told
/// all it will be. One row per window, so replicas announce each once.
/// </summary>
public sealed class MaintenanceWindow : IDueWork
{
    public const int MaxSilenceIdLength = 64;

    /// <summary>Matchers beyond this are cut with "…": ten matchers may run to thousands of characters, a chat message should not.</summary>
    public const int MaxMatchersLength = 1_000;

    public const int MaxReasonLength = 300;

    public const int MaxPersonLength = 256;

    private MaintenanceWindow()
    {
    }

    internal MaintenanceWindow(string silenceId, string matchers, string reason, DateTimeOffset startsAt, DateTimeOffset endsAt, string createdBy)
    {
        SilenceId = silenceId;
        Matchers = Bounded(matchers, MaxMatchersLength);
        Reason = Bounded(reason, MaxReasonLength);
        StartsAt = startsAt;
        EndsAt = endsAt;
        CreatedBy = Bounded(createdBy, MaxPersonLength);
        DueAt = startsAt;
    }

    public string SilenceId { get; private set; } = "";

    /// <summary>The alerts it holds back, as people read them: <c>service="checkout", namespace="payments"</c>.</summary>
    public string Matchers { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    /// <summary>When its start is next to be announced, then its end; null once both were, or it was cancelled.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>When the channel was told it started; null before.</summary>
    public DateTimeOffset? StartAnnouncedAt { get; private set; }

    /// <summary>Who cancelled it, if anybody did.</summary>
    public string? CancelledBy { get; private set; }

    /// <summary>The announcement due now (the start, then the end), moving the due time on.</summary>
    internal string Announce(DateTimeOffset now)
    {
        if (StartAnnouncedAt is null)
        {
            StartAnnouncedAt = now;
            DueAt = EndsAt;
            return $"🛠 Maintenance started: {What} until {Show(EndsAt)} (by {CreatedBy})";
        }
        DueAt = null;
        return $"Maintenance ended: {What} ({Show(StartsAt)} to {Show(EndsAt)})";
    }

    /// <summary>
    /// <paramref name="by"/> cancelled it: nothing more is announced. Returns the announcement of its early end when the channel was
    /// told it started and not yet that it ended; else null (a window cancelled before it started was never announced).
    /// </summary>
    internal string? Cancel(string by, DateTimeOffset now)
    {
        bool underWay = StartAnnouncedAt is not null && DueAt is not null;
        CancelledBy = Bounded(by, MaxPersonLength);
        DueAt = null;
        return underWay ? $"Maintenance ended early (cancelled by {CancelledBy}): {What} at {Show(now)}, planned until {Show(EndsAt)}" : null;
    }

    private string What => $"{Matchers} · {Reason} (window {SilenceId})";

    /// <summary>UTC in ISO 8601 with its offset, so nobody reads it in the wrong zone: 2026-12-08T21:00:00+00:00.</summary>
    private static string Show(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Bounded(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
