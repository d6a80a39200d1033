using System.Net;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.SignIn;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Delivery;

namespace ChatOpsIncidents.Bot.Tests.Dashboard;

/// <summary>
/// Issue 21: a responder signed in with an Okta- or Keycloak-like provider (the provider stand-in) takes an incident, or
/// declares one as its commander, as the Slack user with their verified email (<c>users.lookupByEmail</c> at the Slack
/// stand-in); an unverified email is never looked up, and a Slack that does not know them, or is slow, costs them only the
/// button, and their post is refused saying why.
/// </summary>
public sealed class DashboardSlackUserByEmailTests : IAsyncLifetime
{
    private const string Incident = "/incidents/INC-1";
    private const string Act = "/incidents/INC-1/act";
    private const string AnnInSlack = "U0ANN0001";
    private OpenIdProviderStandIn _provider = null!;
    private SlackStandIn _slack = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _provider = await OpenIdProviderStandIn.StartAsync(Ct);
        _slack = await SlackStandIn.StartAsync(TimeProvider.System, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task A_responder_with_a_verified_email_slack_knows_takes_the_incident_as_that_slack_user_and_the_card_names_them()
    {
        _slack.Workspace.AddUser(AnnInSlack, "ann", "Ann Example", email: "Ann@Example.com");
        await using BotHost bot = await StartWithIncidentAsync();
        using TestBrowser browser = SignInBot.Browser(bot);
        string page = await ReadAsync(await browser.SignInAsync(Incident));

        string assigned = await ReadAsync(await browser.SubmitAsync($"{Act}/assign", SignInBot.FormToken(page)));

        Assert.Contains($"action=\"{Act}/assign\"", page, StringComparison.Ordinal);
        Assert.Contains("Assigned INC-1 to you.", assigned, StringComparison.Ordinal);
        IncidentDetailsView incident = await bot.IncidentAsync("INC-1");
        Assert.Equal(AnnInSlack, incident.Incident.Assignee);
        Assert.Equal(("Assigned", "SlackUser", "Ann Example"), (incident.Timeline[^1].Kind, incident.Timeline[^1].ActorKind, incident.Timeline[^1].Actor));
        RecordedCall lookup = Assert.Single(_slack.CallsTo("users.lookupByEmail")); // the page asked; the post found the answer kept
        Assert.Equal("ann@example.com", lookup.Form!["email"]);
        await SlackApiHarness.WaitUntilAsync(
            () => _slack.CallsTo("chat.update").Any(card => card.Json?.ToJsonString().Contains(AnnInSlack, StringComparison.Ordinal) == true), Ct);
    }

    [Fact]
    public async Task A_responder_slack_knows_by_email_declares_an_incident_and_becomes_its_commander()
    {
        _slack.Workspace.AddUser(AnnInSlack, "ann", "Ann Example", email: "ann@example.com");
        await using BotHost bot = SignInBot.Start(_provider, ManualDelivery.SlackSettings(_slack, _slack.Workspace.AddChannel("incidents")));
        using TestBrowser browser = SignInBot.Browser(bot);
        string form = await ReadAsync(await browser.SignInAsync("/declare"));

        HttpResponseMessage declared = await browser.SubmitAsync("/declare", SignInBot.FormToken(form), ("Title", "Checkout is slow"), ("Severity", "SEV2"));

        Assert.Contains("Declared INC-1.", await ReadAsync(declared), StringComparison.Ordinal);
        IncidentDetailsView incident = await bot.IncidentAsync("INC-1");
        Assert.Equal(AnnInSlack, incident.Incident.Commander);
        Assert.Equal(("SlackUser", "Ann Example"), (incident.Timeline[0].ActorKind, incident.Timeline[0].Actor));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public async Task An_email_the_provider_does_not_say_it_verified_is_never_looked_up_and_taking_the_incident_is_refused_saying_why(bool? verified)
    {
        _slack.Workspace.AddUser(AnnInSlack, "ann", "Ann Example", email: "ann@example.com");
        _provider.Account = ProviderAccount.Ann with { EmailVerified = verified };
        await using BotHost bot = await StartWithIncidentAsync(new()
        {
            ["SignIn:AllowedEmailDomains:0"] = null, // only a verified email counts for a domain: anyone the provider signs in may see
            ["SignIn:AllowAnyAccount"] = "true",
            ["SignIn:Responders:Users:0"] = ProviderAccount.Ann.Subject, // nor for a listed responder: Ann is listed by her subject
        });
        using TestBrowser browser = SignInBot.Browser(bot);
        string page = await ReadAsync(await browser.SignInAsync(Incident));

        string refused = await ReadAsync(await browser.SubmitAsync($"{Act}/assign", SignInBot.FormToken(page)));

        Assert.Contains($"action=\"{Act}/acknowledge\"", page, StringComparison.Ordinal); // a responder all the same
        Assert.DoesNotContain("Assign to me", page, StringComparison.Ordinal);
        Assert.Contains(
            "<p class=\"flash refused\" role=\"alert\">Assigning to yourself needs your Slack user (an assignee is one), and your identity provider did not say it verified your email address (email_verified). Assign from Slack instead.</p>",
            refused,
            StringComparison.Ordinal);
        Assert.Empty(_slack.CallsTo("users.lookupByEmail"));
        Assert.Null((await bot.IncidentAsync("INC-1")).Incident.Assignee);
    }

    [Fact]
    public async Task A_responder_slack_does_not_know_gets_no_button_and_a_post_is_refused_saying_slack_has_no_member_with_their_email()
    {
        await using BotHost bot = await StartWithIncidentAsync();
        using TestBrowser browser = SignInBot.Browser(bot);
        string page = await ReadAsync(await browser.SignInAsync(Incident));

        string refused = await ReadAsync(await browser.SubmitAsync($"{Act}/assign", SignInBot.FormToken(page)));

        Assert.DoesNotContain("Assign to me", page, StringComparison.Ordinal);
        Assert.Contains(
            "Assigning to yourself needs your Slack user (an assignee is one), and Slack has no member with the email ann@example.com. Assign from Slack instead.",
            refused,
            StringComparison.Ordinal);
        Assert.Single(_slack.CallsTo("users.lookupByEmail")); // the answer "nobody" is kept too
        Assert.Null((await bot.IncidentAsync("INC-1")).Incident.Assignee);
    }

    [Fact]
    public async Task With_slack_slow_or_rate_limited_the_page_comes_without_the_button_and_asks_slack_no_more_for_a_while()
    {
        _slack.Workspace.AddUser(AnnInSlack, "ann", "Ann Example", email: "ann@example.com");
        _slack.Workspace.AddUser("U0BOB0001", "bob", "Bob Example", email: "bob@example.com");
        await using BotHost bot = await StartWithIncidentAsync(new() { ["SignIn:Responders:Users:1"] = "bob@example.com" });
        _slack.InjectFault(SlackFault.Slow(TimeSpan.FromSeconds(30)), method: "users.lookupByEmail");
        using TestBrowser ann = SignInBot.Browser(bot);
        string slow = await ReadAsync(await ann.SignInAsync(Incident));
        string slowAgain = await ReadAsync(await ann.GoAsync(Incident));
        _slack.InjectFault(SlackFault.RateLimited(TimeSpan.FromSeconds(60)), method: "users.lookupByEmail");
        _provider.Account = ProviderAccount.Bob;
        using TestBrowser bob = SignInBot.Browser(bot);
        string limited = await ReadAsync(await bob.SignInAsync(Incident));

        // Had the page waited for the slow answer, it would have found Ann and shown the button.
        Assert.Contains($"action=\"{Act}/acknowledge\"", slow, StringComparison.Ordinal);
        Assert.DoesNotContain("Assign to me", slow + slowAgain + limited, StringComparison.Ordinal);
        Assert.Equal(["ann@example.com", "bob@example.com"], _slack.CallsTo("users.lookupByEmail").Select(call => call.Form!["email"]));
    }

    private async Task<BotHost> StartWithIncidentAsync(Dictionary<string, string?>? settings = null)
    {
        Dictionary<string, string?> all = ManualDelivery.SlackSettings(_slack, _slack.Workspace.AddChannel("incidents"));
        foreach ((string key, string? value) in settings ?? [])
        {
            all[key] = value;
        }
        BotHost bot = SignInBot.Start(_provider, all);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostWebhookAsync(Payloads.Firing)).StatusCode);
        return bot;
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
