using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Events;

/// <summary>
/// <see cref="EventsOptions.RateLimitPerMinute"/> events per integration over a sliding minute, so that a runaway script cannot
/// flood Slack; PagerDuty counts the same way.
/// </summary>
internal sealed class IntegrationRateLimits(IOptions<EventsOptions> options) : IDisposable
{
    private static readonly TimeSpan s_window = TimeSpan.FromMinutes(1);
    private const int Segments = 6;

    private readonly ConcurrentDictionary<string, RateLimiter> _limiters = new(StringComparer.Ordinal);

    /// <summary>Null when the event may go on; else how long the integration should wait.</summary>
    public TimeSpan? Throttle(string integration)
    {
        RateLimiter limiter = _limiters.GetOrAdd(integration, _ => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RateLimitPerMinute,
            Window = s_window,
            SegmentsPerWindow = Segments,
            QueueLimit = 0,
        }));
        using RateLimitLease lease = limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter) ? retryAfter : s_window / Segments;
    }

    public void Dispose()
    {
        foreach (RateLimiter limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
