using System.Diagnostics.Metrics;
using ChatOpsIncidents.Bot.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Metrics;

public sealed class PrometheusExpositionTests : IDisposable
{
    private readonly ExpositionHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void A_counter_gets_the_total_suffix_help_type_and_one_line_per_label_set()
    {
        Counter<long> calls = _harness.Meter.CreateCounter<long>("chatops.test.calls", "{call}", "Calls made.");
        calls.Add(2, new KeyValuePair<string, object?>("outcome", "ok"));
        calls.Add(1, new KeyValuePair<string, object?>("outcome", "error"));
        calls.Add(3, new KeyValuePair<string, object?>("outcome", "ok"));

        Assert.Equal(
            """
            # HELP chatops_test_calls_total Calls made.
            # TYPE chatops_test_calls_total counter
            chatops_test_calls_total{outcome="ok"} 5
            chatops_test_calls_total{outcome="error"} 1

            """,
            _harness.Family("chatops_test_calls_total"));
    }

    [Fact]
    public void An_up_down_counter_is_a_gauge_that_adds_and_subtracts()
    {
        UpDownCounter<int> active = _harness.Meter.CreateUpDownCounter<int>("chatops.test.active-requests", description: "Requests in flight.");
        active.Add(3);
        active.Add(-1);

        Assert.Equal(
            """
            # HELP chatops_test_active_requests Requests in flight.
            # TYPE chatops_test_active_requests gauge
            chatops_test_active_requests 2

            """,
            _harness.Family("chatops_test_active_requests"));
    }

    [Fact]
    public void An_observable_gauge_shows_only_what_its_callback_reports_at_this_collection()
    {
        List<Measurement<double>> reported = [new(1.5, new KeyValuePair<string, object?>("queue", "a")), new(4, new KeyValuePair<string, object?>("queue", "b"))];
        _harness.Meter.CreateObservableGauge("chatops.test.depth", () => reported, description: "Queue depth.");
        string first = _harness.Family("chatops_test_depth");
        reported = [new(0.25, new KeyValuePair<string, object?>("queue", "b"))];

        Assert.EndsWith("chatops_test_depth{queue=\"a\"} 1.5\nchatops_test_depth{queue=\"b\"} 4\n", first, StringComparison.Ordinal);
        Assert.Equal(
            """
            # HELP chatops_test_depth Queue depth.
            # TYPE chatops_test_depth gauge
            chatops_test_depth{queue="b"} 0.25

            """,
            _harness.Family("chatops_test_depth"));
    }

    [Fact]
    public void An_observable_counter_is_a_counter_whose_reported_value_is_the_total()
    {
        long total = 7;
        _harness.Meter.CreateObservableCounter("chatops.test.restarts", () => total, description: "Restarts.");

        Assert.Equal(
            """
            # HELP chatops_test_restarts_total Restarts.
            # TYPE chatops_test_restarts_total counter
            chatops_test_restarts_total 7

            """,
            _harness.Family("chatops_test_restarts_total"));
    }

    [Fact]
    public void A_histogram_writes_cumulative_buckets_from_its_advice_with_inf_sum_and_count_in_seconds()
    {
        Histogram<double> latency = _harness.Meter.CreateHistogram(
            "chatops.test.latency", "s", "Latency.", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1, 10] });
        var tag = new KeyValuePair<string, object?>("route", "/x");
        foreach (double value in new[] { 0.05, 0.1, 0.5, 3, 20 })
        {
            latency.Record(value, tag);
        }

        Assert.Equal(
            """
            # HELP chatops_test_latency_seconds Latency.
            # TYPE chatops_test_latency_seconds histogram
            chatops_test_latency_seconds_sum{route="/x"} 23.65
            chatops_test_latency_seconds_count{route="/x"} 5
            chatops_test_latency_seconds_bucket{route="/x",le="0.1"} 2
            chatops_test_latency_seconds_bucket{route="/x",le="1"} 3
            chatops_test_latency_seconds_bucket{route="/x",le="10"} 4
            chatops_test_latency_seconds_bucket{route="/x",le="+Inf"} 5

            """,
            _harness.Family("chatops_test_latency_seconds"));
    }

    [Fact]
    public void A_histogram_without_advice_uses_the_Prometheus_default_buckets_and_no_label_braces_when_untagged()
    {
        Histogram<long> sizes = _harness.Meter.CreateHistogram<long>("chatops.test.size", description: "Sizes.");
        sizes.Record(2);

        string family = _harness.Family("chatops_test_size");

        Assert.Equal(ExportedInstrument.DefaultBuckets.Count + 1, family.Split('\n').Count(l => l.StartsWith("chatops_test_size_bucket{le=", StringComparison.Ordinal)));
        Assert.Contains("chatops_test_size_bucket{le=\"1\"} 0\nchatops_test_size_bucket{le=\"2.5\"} 1\n", family, StringComparison.Ordinal);
        Assert.Contains("chatops_test_size_sum 2\nchatops_test_size_count 1\n", family, StringComparison.Ordinal);
        Assert.EndsWith("chatops_test_size_bucket{le=\"+Inf\"} 1\n", family, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_escapes_backslash_and_newline_label_values_escape_backslash_and_quote_and_label_names_are_sanitised()
    {
        Counter<int> seen = _harness.Meter.CreateCounter<int>("chatops.test.seen", description: "Seen.\nWith a \\ in the help.");
        seen.Add(1, new KeyValuePair<string, object?>("http.route", "a\\b \"c\"\nd"), new KeyValuePair<string, object?>("2xx", true));

        Assert.Equal(
            """
            # HELP chatops_test_seen_total Seen.\nWith a \\ in the help.
            # TYPE chatops_test_seen_total counter
            chatops_test_seen_total{_2xx="true",http_route="a\\b \"c\"_d"} 1

            """,
            _harness.Family("chatops_test_seen_total"));
    }

    [Theory]
    [InlineData("chatops.webhook.request.duration", "s", false, "chatops_webhook_request_duration_seconds")]
    [InlineData("chatops.outbox.oldest_age_seconds", "s", false, "chatops_outbox_oldest_age_seconds")]
    [InlineData("chatops.alerts.received", "{alert}", true, "chatops_alerts_received_total")]
    [InlineData("chatops.jobs_total", null, true, "chatops_jobs_total")]
    [InlineData("kestrel.active_connections", "{connection}", false, "kestrel_active_connections")]
    public void Names_turn_dots_and_dashes_into_underscores_and_gain_seconds_and_total_suffixes_once(string instrument, string? unit, bool counter, string expected)
    {
        Instrument created = counter
            ? _harness.Meter.CreateCounter<long>(instrument, unit)
            : _harness.Meter.CreateUpDownCounter<long>(instrument, unit);

        Assert.Equal(expected, MetricNames.Of(created));
    }

    [Fact]
    public void An_instrument_without_measurements_shows_help_and_type_only()
    {
        _harness.Meter.CreateCounter<long>("chatops.test.never", description: "Never happens.");

        Assert.Equal("# HELP chatops_test_never_total Never happens.\n# TYPE chatops_test_never_total counter\n", _harness.Family("chatops_test_never_total"));
    }

    [Fact]
    public void Label_sets_past_the_cap_are_dropped_and_counted_per_metric()
    {
        Counter<long> byService = _harness.Meter.CreateCounter<long>("chatops.test.by_service", description: "By service.");
        for (int service = 0; service < PrometheusMeterBridge.MaxSeriesPerMetric + 5; service++)
        {
            byService.Add(1, new KeyValuePair<string, object?>("service", $"svc-{service}"));
        }
        byService.Add(1, new KeyValuePair<string, object?>("service", "svc-0"));

        string family = _harness.Family("chatops_test_by_service_total");
        Assert.Equal(PrometheusMeterBridge.MaxSeriesPerMetric, family.Split('\n').Count(l => l.StartsWith("chatops_test_by_service_total{", StringComparison.Ordinal)));
        Assert.Contains("chatops_test_by_service_total{service=\"svc-0\"} 2\n", family, StringComparison.Ordinal);
        Assert.Contains(
            "chatops_metrics_series_dropped_total{metric=\"chatops_test_by_service_total\"} 5\n", _harness.Family("chatops_metrics_series_dropped_total"), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_bots_meters_and_ASP_NET_Cores_from_its_own_meter_factory_are_exported()
    {
        using Meter foreignName = _harness.Meters.Create("SomeLibrary.Meter");
        foreignName.CreateCounter<long>("chatops.test.foreign").Add(1);
        using ServiceProvider otherHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        otherHost.GetRequiredService<IMeterFactory>().Create("ChatOpsIncidents.Test").CreateCounter<long>("chatops.test.other_host").Add(1);
        _harness.Meters.Create("Microsoft.AspNetCore.Server.Kestrel").CreateUpDownCounter<long>("kestrel.active_connections").Add(1);

        IReadOnlySet<string> families = Scrape.FamilyNames(_harness.Collect());

        Assert.DoesNotContain("chatops_test_foreign_total", families);
        Assert.DoesNotContain("chatops_test_other_host_total", families);
        Assert.Contains("kestrel_active_connections", families);
    }
}
