using ChatOpsIncidents.Bot.Slack;
using ChatOpsIncidents.Bot.Slack.People;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Tests.Slack.People;

/// <summary>
/// Issue 21: a person signed in to the dashboard with another provider is found in Slack by email (<c>users.lookupByEmail</c>),
/// the answer kept briefly (counted at the Slack stand-in), and Slack never waited on for long: slow, rate-limited or failing,
/// the answer is "nobody", with the reason.
/// </summary>
public sealed class SlackUsersByEmailTests : IAsyncLifetime
{
    private const string Email = "ann@example.com";
    private SlackApiHarness _slack = null!;
    private SlackUsersByEmail _people = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _slack = await SlackApiHarness.StartAsync(Ct);
        var options = Options.Create(new SlackOptions { BotToken = SlackStandIn.BotToken });
        _people = new SlackUsersByEmail(_slack.Api, _slack.Limiter, options, _slack.Clock, NullLogger<SlackUsersByEmail>.Instance);
    }

    public async ValueTask DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task A_member_is_found_by_email_in_any_case_and_slack_is_asked_again_only_after_ten_minutes()
    {
        _slack.Slack.Workspace.AddUser("U0ANN0001", "ann", "Ann Example", email: Email);

        PersonMatch first = await FindAsync(Email);
        PersonMatch again = await FindAsync("Ann@Example.com");
        _slack.Clock.Advance(SlackUsersByEmail.KeptFound - TimeSpan.FromSeconds(1));
        await FindAsync(Email);
        int keptForTenMinutes = Asked();
        _slack.Clock.Advance(TimeSpan.FromSeconds(1));
        PersonMatch later = await FindAsync(Email);

        Assert.Equal(PersonMatch.Found("U0ANN0001"), first);
        Assert.Equal(first, again);
        Assert.Equal(first, later);
        Assert.Equal((1, 2), (keptForTenMinutes, Asked()));
        Assert.Equal(Email, _slack.Slack.CallsTo("users.lookupByEmail")[0].Form!["email"]);
    }

    [Fact]
    public async Task Nobody_with_the_email_is_said_so_and_kept_a_minute_only()
    {
        PersonMatch first = await FindAsync(Email);
        await FindAsync(Email);
        int keptForAMinute = Asked();
        _slack.Clock.Advance(SlackUsersByEmail.KeptMissing);
        _slack.Slack.Workspace.AddUser("U0ANN0001", "ann", "Ann Example", email: Email);
        PersonMatch later = await FindAsync(Email);

        Assert.Equal(PersonMatch.None("Slack has no member with the email ann@example.com"), first);
        Assert.Equal((1, 2), (keptForAMinute, Asked()));
        Assert.Equal(PersonMatch.Found("U0ANN0001"), later);
    }

    [Fact]
    public async Task A_slow_slack_is_given_up_on_after_the_patience_and_not_asked_again_for_a_minute()
    {
        _slack.Slack.Workspace.AddUser("U0ANN0001", "ann", "Ann Example", email: Email);
        _slack.Slack.InjectFault(SlackFault.Slow(TimeSpan.FromSeconds(30)), method: "users.lookupByEmail");

        PersonMatch slow = await FindAsync(Email);
        PersonMatch again = await FindAsync(Email);

        // Had it waited the 30 s, Slack would have answered with Ann.
        Assert.Equal(PersonMatch.None("Slack did not answer in time: try again in a minute"), slow);
        Assert.Equal(slow, again);
        Assert.Equal(1, Asked());
    }

    [Fact]
    public async Task Rate_limited_the_lookup_says_so_and_slack_is_not_asked_for_anyone_until_its_retry_after_has_passed()
    {
        _slack.Slack.Workspace.AddUser("U0BOB0001", "bob", "Bob Example", email: "bob@example.com");
        _slack.Slack.InjectFault(SlackFault.RateLimited(TimeSpan.FromSeconds(60)), method: "users.lookupByEmail");

        PersonMatch refused = await FindAsync(Email);
        PersonMatch heldBack = await FindAsync("bob@example.com");
        int askedWhileLimited = Asked();
        _slack.Clock.Advance(TimeSpan.FromSeconds(60));
        PersonMatch after = await FindAsync("bob@example.com");

        Assert.Equal(PersonMatch.None("Slack could not be asked (ratelimited): try again in a minute"), refused);
        Assert.Equal(PersonMatch.None("Slack's rate limit holds lookups back for now: try again in a minute"), heldBack);
        Assert.Equal(1, askedWhileLimited);
        Assert.Equal(PersonMatch.Found("U0BOB0001"), after);
    }

    [Fact]
    public async Task With_slack_off_nobody_is_looked_up()
    {
        var off = new SlackUsersByEmail(_slack.Api, _slack.Limiter, Options.Create(new SlackOptions()), _slack.Clock, NullLogger<SlackUsersByEmail>.Instance);

        PersonMatch match = await off.FindAsync(Email, Ct);

        Assert.Equal(PersonMatch.None("Slack is off (Slack:BotToken)"), match);
        Assert.Equal(0, Asked());
    }

    private Task<PersonMatch> FindAsync(string email) => _slack.RunAsync(_people.FindAsync(email, Ct));

    private int Asked() => _slack.Slack.CallsTo("users.lookupByEmail").Count;
}
