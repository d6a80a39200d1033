using System.Globalization;
using System.Text;
using ChatOpsIncidents.Bot.Slos;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Slos;

/// <summary>
/// A real Prometheus holding ten hours of checkout traffic up to <see cref="Now"/> and the rules <c>slo rules</c> generates
/// for <see cref="SloApiTests.Spec"/>, recorded over that history. 10 000 requests a minute: 8 hours at 0.02% errors (0.2x
/// the 0.1% budget), then 2 hours at 0.2% (2x). Started on first use, once for a test class, since backfilling takes a while.
/// </summary>
public sealed class CheckoutHistory : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_length = TimeSpan.FromHours(10);
    private readonly string _folder = Directory.CreateTempSubdirectory("slo-history-").FullName;
    private readonly Lazy<Task<PrometheusServer>> _prometheus;

    public CheckoutHistory()
    {
        File.WriteAllText(SpecFile, SloApiTests.Spec);
        _prometheus = new(() => StartAsync(TestContext.Current.CancellationToken));
    }

    public string SpecFile => Path.Combine(_folder, "checkout.yml");

    public Task<PrometheusServer> PrometheusAsync() => _prometheus.Value;

    public async ValueTask DisposeAsync()
    {
        if (_prometheus.IsValueCreated && _prometheus.Value.IsCompletedSuccessfully)
        {
            await (await _prometheus.Value).DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<PrometheusServer> StartAsync(CancellationToken cancellationToken)
    {
        PrometheusServer prometheus = await PrometheusServer.StartAsync(cancellationToken);
        try
        {
            using var rules = new StringWriter();
            Assert.Equal(0, SloCommandLine.Run(["slo", "rules", SpecFile], rules, TextWriter.Null));
            await prometheus.BackfillAsync(Traffic(), cancellationToken);
            await prometheus.BackfillRulesAsync(rules.ToString(), Now - s_length, Now, cancellationToken);
            return prometheus;
        }
        catch
        {
            await prometheus.DisposeAsync();
            throw;
        }
    }

    private static string Traffic()
    {
        var text = new StringBuilder("# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\n");
        long ok = 0, failed = 0;
        for (DateTimeOffset at = Now - s_length; at <= Now; at += TimeSpan.FromMinutes(1))
        {
            string seconds = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"http_requests_total{{job=\"checkout\",code=\"200\"}} {ok} {seconds}\n");
            text.Append(CultureInfo.InvariantCulture, $"http_requests_total{{job=\"checkout\",code=\"500\"}} {failed} {seconds}\n");
            int failures = at < Now - TimeSpan.FromHours(2) ? 2 : 20;
            ok += 10_000 - failures;
            failed += failures;
        }
        return text.Append("# EOF\n").ToString();
    }
}
