using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.SignIn;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace ChatOpsIncidents.Bot.Tests.SignIn;

/// <summary>Issue 21: with an identity provider configured, the API's reads need a signed-in person or an API token.</summary>
public sealed class SignInFlowTests : IAsyncLifetime
{
    private OpenIdProviderStandIn _provider = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _provider = await OpenIdProviderStandIn.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task With_sign_in_on_an_anonymous_read_is_refused_and_the_api_token_still_reads()
    {
        await using BotHost bot = SignInBot.Start(_provider);
        HttpClient client = bot.CreateClient();

        HttpResponseMessage incidents = await client.GetAsync("/api/incidents", Ct);
        HttpResponseMessage incident = await client.GetAsync("/api/incidents/INC-1", Ct);
        HttpResponseMessage slos = await client.GetAsync("/api/slos", Ct);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/api/incidents");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SignInBot.ApiToken);
        HttpResponseMessage tokenRead = await client.SendAsync(withToken, Ct);

        Assert.Equal(
            (HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK),
            (incidents.StatusCode, incident.StatusCode, slos.StatusCode, tokenRead.StatusCode));
        Assert.Contains("Api:Tokens", (await incidents.Content.ReadFromJsonAsync<ProblemDetails>(Ct))?.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_runs_the_code_flow_with_pkce_state_and_nonce_and_leaves_a_secure_http_only_lax_session_that_reads_the_api()
    {
        await using BotHost bot = SignInBot.Start(_provider);
        using TestBrowser browser = SignInBot.Browser(bot);

        HttpResponseMessage landed = await browser.SignInAsync("/api/incidents?status=open");
        SessionView session = await browser.SessionAsync();

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/api/incidents?status=open", landed.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.NotNull(await landed.Content.ReadFromJsonAsync<IncidentListView>(Ct));
        IReadOnlyDictionary<string, string> authorize = Assert.Single(_provider.AuthorizeRequests);
        Assert.Equal(("S256", "https://localhost/signin-oidc", "openid profile email"),
            (authorize["code_challenge_method"], authorize["redirect_uri"], authorize["scope"]));
        string cookie = Assert.Single(browser.SetCookieHeaders, header => header.StartsWith("chatops-session=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((true, "Ann Example", "ann@example.com", true), (session.SignedIn, session.Name, session.Email, session.Responder));
    }

    [Theory]
    [InlineData(ProviderFault.BadSignature)]
    [InlineData(ProviderFault.WrongIssuer)]
    [InlineData(ProviderFault.WrongAudience)]
    [InlineData(ProviderFault.Expired)]
    [InlineData(ProviderFault.WrongNonce)]
    public async Task A_bad_id_token_is_refused_and_leaves_no_session(ProviderFault fault)
    {
        await using BotHost bot = SignInBot.Start(_provider);
        using TestBrowser browser = SignInBot.Browser(bot);
        _provider.Fault = fault;

        HttpResponseMessage landed = await browser.SignInAsync("/api/incidents");
        HttpResponseMessage read = await browser.GoAsync("/api/incidents");

        Assert.Equal(HttpStatusCode.Forbidden, landed.StatusCode);
        Assert.Equal("/signin-oidc", landed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Null(browser.BotCookie("chatops-session"));
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
    }

    [Theory]
    [InlineData("eve@example.org", true)]
    [InlineData("eve@example.com", false)]
    [InlineData("eve@notexample.com", true)]
    public async Task An_account_outside_the_allowed_domains_or_with_an_unverified_email_is_refused(string email, bool verified)
    {
        await using BotHost bot = SignInBot.Start(_provider);
        using TestBrowser browser = SignInBot.Browser(bot);
        _provider.Account = new ProviderAccount("eve", "Eve", email, verified);

        HttpResponseMessage landed = await browser.SignInAsync("/api/incidents");

        Assert.Equal(HttpStatusCode.Forbidden, landed.StatusCode);
        Assert.Null(browser.BotCookie("chatops-session"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GoAsync("/api/incidents")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_session_alone_never_writes_a_responder_writes_with_the_antiforgery_token_and_is_recorded_on_the_timeline()
    {
        await using BotHost bot = SignInBot.Start(_provider);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostWebhookAsync(Payloads.Firing)).StatusCode);
        using TestBrowser browser = SignInBot.Browser(bot);
        await browser.SignInAsync();
        SessionView session = await browser.SessionAsync();

        HttpResponseMessage withoutToken = await browser.PostAsync("/api/incidents/INC-1/ack", new { }, antiforgeryToken: null);
        HttpResponseMessage withForeignToken = await browser.PostAsync("/api/incidents/INC-1/ack", new { }, "CfDJ8-not-a-token-of-this-session");
        string statusBefore = (await bot.IncidentAsync("INC-1")).Incident.Status;
        HttpResponseMessage withToken = await browser.PostAsync("/api/incidents/INC-1/ack", new { }, session.AntiforgeryToken);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, "triggered"), (withoutToken.StatusCode, withForeignToken.StatusCode, statusBefore));
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        TimelineEntryView ack = (await bot.IncidentAsync("INC-1")).Timeline[^1];
        Assert.Equal(("Acknowledged", "WebUser", "Ann Example"), (ack.Kind, ack.ActorKind, ack.Actor));
    }

    [Fact]
    public async Task A_viewer_who_is_not_a_responder_reads_but_is_forbidden_to_write_even_with_the_antiforgery_token()
    {
        await using BotHost bot = SignInBot.Start(_provider);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostWebhookAsync(Payloads.Firing)).StatusCode);
        using TestBrowser browser = SignInBot.Browser(bot);
        _provider.Account = ProviderAccount.Bob;
        await browser.SignInAsync();
        SessionView session = await browser.SessionAsync();

        HttpResponseMessage read = await browser.GoAsync("/api/incidents/INC-1");
        HttpResponseMessage ack = await browser.PostAsync("/api/incidents/INC-1/ack", new { }, session.AntiforgeryToken);

        Assert.Equal((true, false), (session.SignedIn, session.Responder));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (read.StatusCode, ack.StatusCode));
        Assert.Equal("triggered", (await bot.IncidentAsync("INC-1")).Incident.Status);
    }

    [Fact]
    public async Task Sign_in_with_slack_admits_its_workspace_and_records_the_slack_user_on_the_timeline()
    {
        await using BotHost bot = SignInBot.Start(_provider, new()
        {
            ["SignIn:AllowedEmailDomains:0"] = null,
            ["SignIn:Responders:Users:0"] = null,
            ["SignIn:SlackTeamId"] = "T0WORKSPACE",
            ["SignIn:Responders:AnyViewer"] = "true",
        });
        using TestBrowser browser = SignInBot.Browser(bot);
        _provider.Account = ProviderAccount.SlackUser("U024BE7LH", "T0WORKSPACE");
        await browser.SignInAsync();
        SessionView session = await browser.SessionAsync();

        HttpResponseMessage declared = await browser.PostAsync("/api/incidents", new { title = "Checkout is slow" }, session.AntiforgeryToken);

        Assert.Equal((true, "U024BE7LH"), (session.Responder, session.SlackUserId));
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        TimelineEntryView entry = (await bot.IncidentAsync("INC-1")).Timeline[0];
        Assert.Equal(("SlackUser", "Sam Slack"), (entry.ActorKind, entry.Actor));
    }

    [Fact]
    public async Task Sign_in_with_slack_refuses_another_workspace()
    {
        await using BotHost bot = SignInBot.Start(_provider, new()
        {
            ["SignIn:AllowedEmailDomains:0"] = null,
            ["SignIn:SlackTeamId"] = "T0WORKSPACE",
        });
        using TestBrowser browser = SignInBot.Browser(bot);
        _provider.Account = ProviderAccount.SlackUser("U0OTHER", "T0ELSEWHERE");

        HttpResponseMessage landed = await browser.SignInAsync();

        Assert.Equal(HttpStatusCode.Forbidden, landed.StatusCode);
        Assert.Null(browser.BotCookie("chatops-session"));
    }

    [Fact]
    public async Task Signing_out_needs_the_antiforgery_token_and_ends_the_session()
    {
        await using BotHost bot = SignInBot.Start(_provider);
        using TestBrowser browser = SignInBot.Browser(bot);
        await browser.SignInAsync();
        SessionView session = await browser.SessionAsync();

        HttpResponseMessage forged = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/signout"));
        HttpResponseMessage stillIn = await browser.GoAsync("/api/incidents");
        var signOut = new HttpRequestMessage(HttpMethod.Post, "/signout") { Content = new FormUrlEncodedContent([new("__RequestVerificationToken", session.AntiforgeryToken!)]) };
        HttpResponseMessage signedOut = await browser.SendAsync(signOut);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.Redirect), (forged.StatusCode, stillIn.StatusCode, signedOut.StatusCode));
        Assert.Null(browser.BotCookie("chatops-session"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GoAsync("/api/incidents")).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    [InlineData("/\t/evil.example/steal")]
    [InlineData("https://evil.example/steal")]
    public async Task Signing_in_returns_the_browser_only_to_a_path_of_the_bot(string returnUrl)
    {
        await using BotHost bot = SignInBot.Start(_provider);
        using TestBrowser browser = SignInBot.Browser(bot);

        HttpResponseMessage landed = await browser.SignInAsync(returnUrl);

        Assert.Equal("https://localhost/", landed.RequestMessage!.RequestUri!.AbsoluteUri);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public async Task A_listed_responder_email_the_provider_did_not_verify_may_not_act(bool? verified)
    {
        await using BotHost bot = SignInBot.Start(_provider, new() { ["SignIn:AllowedEmailDomains:0"] = null, ["SignIn:AllowAnyAccount"] = "true" });
        using TestBrowser browser = SignInBot.Browser(bot);
        _provider.Account = new ProviderAccount("self-registered-42", "Mallory", "ann@example.com", verified);
        await browser.SignInAsync();
        SessionView session = await browser.SessionAsync();

        HttpResponseMessage declared = await browser.PostAsync("/api/incidents", new { title = "Checkout is slow" }, session.AntiforgeryToken);

        Assert.Equal((true, false), (session.SignedIn, session.Responder));
        Assert.Equal(HttpStatusCode.Forbidden, declared.StatusCode);
    }

    [Fact]
    public async Task A_member_of_a_responder_group_may_act()
    {
        await using BotHost bot = SignInBot.Start(_provider, new() { ["SignIn:Responders:Users:0"] = null, ["SignIn:Responders:Groups:0"] = "sre" });
        using TestBrowser browser = SignInBot.Browser(bot);
        _provider.Account = ProviderAccount.Bob with { Claims = new Dictionary<string, object> { ["groups"] = new[] { "staff", "sre" } } };
        await browser.SignInAsync();
        SessionView session = await browser.SessionAsync();

        HttpResponseMessage declared = await browser.PostAsync("/api/incidents", new { title = "Checkout is slow" }, session.AntiforgeryToken);

        Assert.True(session.Responder);
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/incidents/INC-1")]
    [InlineData("/oncall")]
    [InlineData("/runbooks")]
    [InlineData("/insights")]
    [InlineData("/dashboard/changes")]
    public async Task With_sign_in_on_the_dashboard_sends_an_anonymous_browser_to_sign_in(string page)
    {
        await using BotHost bot = SignInBot.Start(_provider);
        HttpClient client = bot.CreateClient(new() { AllowAutoRedirect = false });

        HttpResponseMessage response = await client.GetAsync(page, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/signin?returnUrl={Uri.EscapeDataString(page)}", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task A_signed_in_person_reads_the_dashboard_under_their_name_with_a_sign_out_form()
    {
        await using BotHost bot = SignInBot.Start(_provider);
        using TestBrowser browser = SignInBot.Browser(bot);

        HttpResponseMessage landed = await browser.SignInAsync("/");
        string page = await landed.Content.ReadAsStringAsync(Ct);

        Assert.Equal((HttpStatusCode.OK, "/"), (landed.StatusCode, landed.RequestMessage!.RequestUri!.PathAndQuery));
        Assert.Contains("Signed in as <strong>Ann Example</strong>", page, StringComparison.Ordinal);
        Assert.Contains("<form class=\"session\" method=\"post\" action=\"/signout\">", page, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Read-only", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_sign_in_the_reads_stay_open_signin_says_how_to_turn_it_on_and_the_session_is_anonymous()
    {
        await using BotHost bot = new();
        HttpClient client = bot.CreateClient();

        HttpResponseMessage read = await client.GetAsync("/api/incidents", Ct);
        HttpResponseMessage signIn = await client.GetAsync("/signin", Ct);
        SessionView? session = await client.GetFromJsonAsync<SessionView>("/api/me", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (read.StatusCode, signIn.StatusCode));
        Assert.Contains("SignIn:Authority", (await signIn.Content.ReadFromJsonAsync<ProblemDetails>(Ct))?.Detail, StringComparison.Ordinal);
        Assert.Equal((false, false, null), (session?.SignInEnabled, session?.SignedIn, session?.AntiforgeryToken));
    }
}
