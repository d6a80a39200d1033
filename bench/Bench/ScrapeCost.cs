using System.Diagnostics;
using System.Globalization;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// What one <c>GET /metrics</c> costs the bot: the scrape's size, how long it takes to answer, and the bot's CPU time per
/// scrape (its CPU time over <see cref="Scrapes"/> scrapes in a row, divided; the kernel counts it in 10 ms ticks).
/// </summary>
internal static class ScrapeCost
{
    private const int Scrapes = 50;

    public static async Task<string> MeasureAsync(ChildProcess bot, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = bot.BaseAddress };
        var uri = new Uri("metrics", UriKind.Relative);
        int bytes = (await http.GetByteArrayAsync(uri, cancellationToken)).Length; // warm-up, not counted
        var latencies = new double[Scrapes];
        TimeSpan cpuBefore = bot.CpuTime();
        for (int scrape = 0; scrape < Scrapes; scrape++)
        {
            long started = Stopwatch.GetTimestamp();
            bytes = (await http.GetByteArrayAsync(uri, cancellationToken)).Length;
            latencies[scrape] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        double cpuMs = (bot.CpuTime() - cpuBefore).TotalMilliseconds / Scrapes;
        Array.Sort(latencies);
        return string.Create(CultureInfo.InvariantCulture,
            $"{bytes / 1024.0:0.0} KiB, p50 {latencies[Scrapes / 2]:0.0} / max {latencies[^1]:0.0} ms, bot CPU {cpuMs:0.0} ms per scrape");
    }
}
