using ChatOpsIncidents.Core.Slos;

namespace ChatOpsIncidents.Core.Tests.Slos;

public sealed class SloCatalogTests
{
    private static readonly Slo s_availability = new("checkout", "availability", 99.9, new RawIndicator("r[{{.window}}]"));
    private static readonly Slo s_latency = new("checkout", "latency", 99, new RawIndicator("r[{{.window}}]"));
    private readonly SloCatalog _catalog = new([s_availability, s_latency]);

    [Fact]
    public void A_burn_rate_alert_finds_its_slo_by_sloth_id()
    {
        Slo? found = _catalog.FindForAlert(new Dictionary<string, string>
        {
            ["alertname"] = "CheckoutLatencyBudgetBurn",
            ["sloth_id"] = "checkout-latency",
            ["sloth_severity"] = "page",
        });

        Assert.Same(s_latency, found);
    }

    [Fact]
    public void Without_sloth_id_an_alert_finds_its_slo_by_sloth_service_and_sloth_slo() =>
        Assert.Same(s_availability, _catalog.FindForAlert(new Dictionary<string, string> { ["sloth_service"] = "checkout", ["sloth_slo"] = "availability" }));

    [Theory]
    [InlineData("alertname", "KubePodCrashLooping")]
    [InlineData("sloth_id", "search-availability")]
    [InlineData("sloth_service", "checkout")]
    public void Other_alerts_belong_to_no_slo(string label, string value) =>
        Assert.Null(_catalog.FindForAlert(new Dictionary<string, string> { [label] = value }));
}
