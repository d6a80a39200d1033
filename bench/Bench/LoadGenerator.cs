using System.Diagnostics;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// A closed-loop HTTP load generator: a fixed number of connections, each sending its next request as soon as the last was
/// answered, for a fixed time (after a warm-up that is not counted). The same generator drives ours and the reference.
/// </summary>
internal sealed class LoadGenerator(int connections, TimeSpan warmUp, TimeSpan duration)
{
    /// <summary>Upper bound on requests recorded per run, so a fast target cannot exhaust memory.</summary>
    private const int MaxRequests = 2_000_000;

    public int Connections => connections;

    /// <summary>The start of a run that is not counted.</summary>
    public TimeSpan WarmUp => warmUp;

    /// <summary>How long one run sends requests, warm-up included.</summary>
    public TimeSpan Span => warmUp + duration;

    /// <summary>
    /// Runs <paramref name="request"/> (given a running sequence number, starting at <paramref name="firstSequence"/>) until the
    /// time is up or <paramref name="maxRequests"/> were measured; returns how many sequence numbers it used, so a following run
    /// can continue with fresh data.
    /// </summary>
    public async Task<(LoadResult Result, long NextSequence)> RunAsync(
        Uri target, Func<long, HttpRequestMessage> request, int itemsPerRequest, long firstSequence, CancellationToken cancellationToken,
        int maxRequests = MaxRequests)
    {
        maxRequests = Math.Min(maxRequests, MaxRequests);
        using var handler = new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = target, Timeout = TimeSpan.FromSeconds(30) };
        long sequence = firstSequence;
        var latencies = new double[maxRequests];
        int recorded = -1;
        int failed = 0;
        string? firstFailure = null;
        long endAt = Stopwatch.GetTimestamp() + (long)((warmUp + duration).TotalSeconds * Stopwatch.Frequency);
        long measureFrom = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);

        async Task ConnectionAsync()
        {
            while (Stopwatch.GetTimestamp() < endAt && Volatile.Read(ref recorded) < maxRequests - 1)
            {
                using HttpRequestMessage message = request(Interlocked.Increment(ref sequence) - 1);
                long started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    using HttpResponseMessage response = await http.SendAsync(message, cancellationToken);
                    string answer = await response.Content.ReadAsStringAsync(cancellationToken);
                    ok = response.IsSuccessStatusCode;
                    if (!ok)
                    {
                        Interlocked.CompareExchange(ref firstFailure, $"{(int)response.StatusCode}: {answer}", null);
                    }
                }
                catch (HttpRequestException exception)
                {
                    ok = false;
                    Interlocked.CompareExchange(ref firstFailure, exception.Message, null);
                }
                long finished = Stopwatch.GetTimestamp();
                if (finished < measureFrom)
                {
                    continue; // warm-up
                }
                if (ok)
                {
                    int slot = Interlocked.Increment(ref recorded);
                    if (slot < maxRequests)
                    {
                        latencies[slot] = Stopwatch.GetElapsedTime(started, finished).TotalMilliseconds;
                    }
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(ConnectionAsync, cancellationToken)));
        TimeSpan elapsed = Stopwatch.GetElapsedTime(measureFrom);
        int count = Math.Min(recorded + 1, maxRequests);
        return (new LoadResult(count, failed, elapsed, latencies[..count], itemsPerRequest, firstFailure), Interlocked.Read(ref sequence));
    }
}
