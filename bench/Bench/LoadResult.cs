using System.Globalization;

namespace ChatOpsIncidents.Bench;

/// <summary>What one load run measured: requests answered 2xx, failures (and the first), how long it ran, each request's latency.</summary>
internal sealed record LoadResult(int Succeeded, int Failed, TimeSpan Elapsed, double[] LatenciesMs, int ItemsPerRequest, string? FirstFailure)
{
    public double RequestsPerSecond => Succeeded / Elapsed.TotalSeconds;

    public double ItemsPerSecond => RequestsPerSecond * ItemsPerRequest;

    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double P99 => Percentile(0.99);

    public double Percentile(double fraction)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }
        double[] sorted = [.. LatenciesMs.Order()];
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{RequestsPerSecond,9:0} req/s {ItemsPerSecond,9:0} alerts/s  p50 {P50,7:0.00} ms  p99 {P99,7:0.00} ms  ({Succeeded} ok, {Failed} failed{(FirstFailure is null ? "" : ", first: " + FirstFailure)})");
}
