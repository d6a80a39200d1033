using ChatOpsIncidents.Core.Slos;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ChatOpsIncidents.Core.Tests.Slos;

public sealed class SloBudgetsTests
{
    private static readonly Slo s_checkout = new("checkout", "availability", 99.9, new EventsIndicator("e[{{.window}}]", "t[{{.window}}]"));
    private static readonly Slo s_search = new("search", "latency", 99, new RawIndicator("r[{{.window}}]"));
    private static readonly Slo s_login = new("login", "availability", 99.5, new RawIndicator("r[{{.window}}]"));

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly IPrometheusQueries _prometheus = Substitute.For<IPrometheusQueries>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Budget_left_and_burn_rates_come_from_the_recorded_error_ratios_over_the_error_budget()
    {
        Answer(Ratio(s_checkout, "30d", 0.0006), Ratio(s_checkout, "5m", 0.0024), Ratio(s_checkout, "1h", 0.0015));

        SloStatus status = await Budgets(s_checkout).ReadAsync(s_checkout, Ct);

        Assert.Equal(0.4, status.BudgetRemaining!.Value, 12);
        Assert.Equal(2.4, status.BurnRate!.Value, 12);
        Assert.Equal(1.5, status.BurnRateOver(SloWindow.OneHour)!.Value, 12);
        Assert.Null(status.BurnRateOver(SloWindow.SixHours));
        Assert.Null(status.Unknown);
    }

    [Fact]
    public async Task One_query_at_the_clocks_time_reads_every_window_of_exactly_the_listed_slos()
    {
        Answer();

        await Budgets(s_checkout, s_search).ListAsync(Ct);

        await _prometheus.Received(1).QueryAsync(
            """{__name__=~"(?:slo:sli_error:ratio_rate5m|slo:sli_error:ratio_rate30m|slo:sli_error:ratio_rate1h|slo:sli_error:ratio_rate2h|slo:sli_error:ratio_rate6h|slo:sli_error:ratio_rate1d|slo:sli_error:ratio_rate3d|slo:sli_error:ratio_rate30d)", sloth_id=~"(?:checkout-availability|search-latency)"}""",
            _time.GetUtcNow(),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_list_is_worst_first_least_budget_then_fastest_burn_with_unknown_budgets_last()
    {
        Slo payments = s_checkout with { Service = "payments" };
        Answer(
            Ratio(s_checkout, "30d", 0.0005), Ratio(s_checkout, "5m", 0.001),   // 50% left, burn 1
            Ratio(payments, "30d", 0.0005), Ratio(payments, "5m", 0.005),       // 50% left, burn 5
            Ratio(s_search, "30d", 0.004), Ratio(s_search, "5m", 0.001),        // 60% left
            Ratio(s_login, "5m", 0.5));                                         // budget unknown, burn 100

        IReadOnlyList<SloStatus> list = await Budgets(s_checkout, s_search, s_login, payments).ListAsync(Ct);

        Assert.Equal(["payments-availability", "checkout-availability", "search-latency", "login-availability"], list.Select(status => status.Slo.Id));
        Assert.Contains("slo:sli_error:ratio_rate30d", list[3].Unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_series_of_one_window_count_as_the_worst_and_NaN_counts_as_no_value()
    {
        Answer(Ratio(s_checkout, "30d", 0.0002), Ratio(s_checkout, "30d", 0.0008, ("region", "eu")),
            Ratio(s_checkout, "5m", double.NaN), Ratio(s_search, "5m", 0.5));

        SloStatus status = await Budgets(s_checkout).ReadAsync(s_checkout, Ct);

        Assert.Equal(0.2, status.BudgetRemaining!.Value, 12);
        Assert.Null(status.BurnRate);
        Assert.Equal(
            "Prometheus has no slo:sli_error:ratio_rate5m for checkout-availability: its rules are not loaded, or it had no traffic in the window.",
            status.Unknown);
    }

    [Fact]
    public async Task When_Prometheus_cannot_answer_the_figures_are_unknown_with_the_reason_and_nothing_throws()
    {
        _prometheus.QueryAsync(default!, default, Ct).ReturnsForAnyArgs<Task<IReadOnlyList<PrometheusSample>>>(
            _ => throw new PrometheusQueryException("Prometheus at http://127.0.0.1:9 cannot be reached: Connection refused"));

        IReadOnlyList<SloStatus> list = await Budgets(s_checkout, s_search).ListAsync(Ct);

        Assert.All(list, status =>
        {
            Assert.Null(status.BudgetRemaining);
            Assert.Null(status.BurnRate);
            Assert.Equal("Budget unknown: Prometheus at http://127.0.0.1:9 cannot be reached: Connection refused", status.Unknown);
        });
    }

    [Fact]
    public async Task No_slos_ask_Prometheus_nothing()
    {
        IReadOnlyList<SloStatus> list = await Budgets().ListAsync(Ct);

        Assert.Empty(list);
        await _prometheus.DidNotReceiveWithAnyArgs().QueryAsync(default!, default, Ct);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_taken_for_an_unknown_budget()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        _prometheus.QueryAsync(default!, default, Ct).ThrowsAsyncForAnyArgs(new OperationCanceledException(cancelled.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Budgets(s_checkout).ReadAsync(s_checkout, cancelled.Token));
    }

    private SloBudgets Budgets(params Slo[] slos) => new(new SloCatalog(slos), _prometheus, _time, NullLogger<SloBudgets>.Instance);

    private void Answer(params PrometheusSample[] samples) =>
        _prometheus.QueryAsync(default!, default, Ct).ReturnsForAnyArgs(samples);

    private static PrometheusSample Ratio(Slo slo, string window, double value, params (string Name, string Value)[] extra)
    {
        var labels = new Dictionary<string, string>
        {
            ["__name__"] = $"slo:sli_error:ratio_rate{window}",
            ["sloth_id"] = slo.Id,
            ["sloth_service"] = slo.Service,
            ["sloth_slo"] = slo.Name,
            ["sloth_window"] = window,
        };
        foreach ((string name, string labelValue) in extra)
        {
            labels[name] = labelValue;
        }
        return new PrometheusSample(labels, value);
    }
}
