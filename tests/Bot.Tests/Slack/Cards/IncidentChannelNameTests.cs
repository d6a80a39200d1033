using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Tests.Slack.Cards;

public sealed class IncidentChannelNameTests
{
    private static readonly IncidentKey s_key = new(42);

    [Theory]
    [InlineData("Checkout latency above SLO", "inc-42-checkout-latency-above-slo")]
    [InlineData("  API: 5xx -- errors!!! (prod) ", "inc-42-api-5xx-errors-prod")]
    [InlineData("db_primary DOWN", "inc-42-db_primary-down")]
    [InlineData("Café & Crème brûlée — Zürich", "inc-42-cafe-creme-brulee-zurich")]
    [InlineData("数据库故障", "inc-42")]
    [InlineData("!!!", "inc-42")]
    [InlineData("🔥 disk full 🔥", "inc-42-disk-full")]
    public void Names_are_the_prefix_number_and_a_lowercase_slug_of_the_title(string title, string expected)
    {
        Assert.Equal(expected, IncidentChannelName.For("inc", s_key, title));
    }

    [Fact]
    public void A_long_title_is_cut_to_80_characters_without_a_trailing_dash()
    {
        string name = IncidentChannelName.For("incident", new IncidentKey(1234567), string.Join(' ', Enumerable.Repeat("payments", 20)));

        Assert.Equal(79, name.Length); // cut at 80, "incident-1234567-" + "payments-"×7 ends on a dash, which is dropped
        Assert.Equal("incident-1234567-" + string.Join('-', Enumerable.Repeat("payments", 7)), name);
        Assert.Matches("^[a-z0-9_-]+$", name);
    }

    [Fact]
    public void A_taken_name_gets_a_numbered_suffix()
    {
        Assert.Equal("inc-42-checkout-2", IncidentChannelName.WithSuffix("inc-42-checkout", 2));
        Assert.Equal("inc-42-checkout-3", IncidentChannelName.WithSuffix("inc-42-checkout", 3));
    }

    [Fact]
    public void A_suffix_still_fits_in_80_characters()
    {
        string name = IncidentChannelName.For("inc", s_key, new string('a', 200));

        string retried = IncidentChannelName.WithSuffix(name, 12);

        Assert.Equal(80, name.Length);
        Assert.Equal(80, retried.Length);
        Assert.EndsWith("a-12", retried, StringComparison.Ordinal);
    }

    [Fact]
    public void A_suffix_never_leaves_a_double_dash_where_the_name_was_cut()
    {
        string name = "inc-42-" + new string('a', 70) + "-bb"; // 79 characters; cutting to 78 ends on the dash

        Assert.Equal("inc-42-" + new string('a', 70) + "-2", IncidentChannelName.WithSuffix(name, 2));
    }

    /// <summary>Issue 17, item 13: names came from the summary and were cut mid-word.</summary>
    [Fact]
    public void A_long_title_is_cut_between_words()
    {
        string name = IncidentChannelName.For("inc", s_key, "Checkout latency above the SLO in every region since the deploy of the new payments gateway");

        Assert.Equal("inc-42-checkout-latency-above-the-slo-in-every-region-since-the-deploy-of-the", name);
    }

    [Fact]
    public void An_incident_opened_by_alerts_is_named_after_its_alert_and_service()
    {
        Incident incident = CardIncidents.FromAlerts(7, [CardIncidents.Firing("aaaa")], title: "Pod payments/checkout-api-7c9d8f6b5-x2kqz is crash looping");

        Assert.Equal("inc-7-kube-pod-crash-looping-checkout-api", IncidentChannelName.For("inc", incident));
    }
}
