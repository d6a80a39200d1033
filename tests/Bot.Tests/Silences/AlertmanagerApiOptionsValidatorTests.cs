using ChatOpsIncidents.Bot.Silences;

namespace ChatOpsIncidents.Bot.Tests.Silences;

public sealed class AlertmanagerApiOptionsValidatorTests
{
    private static IEnumerable<string> Failures(AlertmanagerApiOptions options) =>
        new AlertmanagerApiOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void No_urls_is_valid_and_leaves_silences_off()
    {
        var options = new AlertmanagerApiOptions();

        Assert.Empty(Failures(options));
        Assert.False(options.IsConfigured);
    }

    [Fact]
    public void Each_url_of_a_pair_must_be_absolute_http_without_credentials_and_each_failure_names_its_key()
    {
        var options = new AlertmanagerApiOptions { Urls = ["http://alertmanager-0:9093", "alertmanager-1:9093", "https://admin:hunter2@alertmanager-2:9093/"] };

        string[] failures = [.. Failures(options)];

        Assert.Equal(2, failures.Length);
        Assert.StartsWith("Alertmanager:Urls:1 must be an absolute http(s) URL", failures[0], StringComparison.Ordinal);
        Assert.StartsWith("Alertmanager:Urls:2 must not carry credentials", failures[1], StringComparison.Ordinal);
        Assert.DoesNotContain(failures, failure => failure.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Basic_authentication_and_a_bearer_token_together_are_refused_and_a_password_needs_a_username()
    {
        Assert.Contains("Alertmanager:ApiUsername and Alertmanager:ApiBearerToken are both set: use basic authentication or a bearer token, not both.",
            Failures(new AlertmanagerApiOptions { ApiUsername = "bot", ApiPassword = "p", ApiBearerToken = "t" }));
        Assert.Contains("Alertmanager:ApiPassword is set without Alertmanager:ApiUsername.", Failures(new AlertmanagerApiOptions { ApiPassword = "p" }));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:01:01")]
    public void The_timeout_is_above_zero_and_at_most_a_minute(string timeout) =>
        Assert.StartsWith("Alertmanager:ApiTimeout must be a duration above zero and at most a minute",
            Assert.Single(Failures(new AlertmanagerApiOptions { ApiTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) })),
            StringComparison.Ordinal);

    [Fact]
    public void Base_addresses_end_in_a_slash_so_api_paths_append()
    {
        var options = new AlertmanagerApiOptions { Urls = ["http://alertmanager-0:9093", "http://proxy/alertmanager/"] };

        Assert.Equal(["http://alertmanager-0:9093/", "http://proxy/alertmanager/"], options.BaseAddresses.Select(address => address.AbsoluteUri));
    }
}
