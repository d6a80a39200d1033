using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.SignIn;

namespace ChatOpsIncidents.Bot.Tests.Dashboard;

/// <summary>
/// Issue 21: a signed-in responder works an incident from its page with plain forms (anti-forgery token, redirect back with a
/// message), through the commands Slack and the API use; viewers, forged posts and a bot without sign-in get no write.
/// </summary>
public sealed class DashboardActionTests : IAsyncLifetime
{
    private const string Incident = "/incidents/INC-1";
    private const string Act = "/incidents/INC-1/act";
    private OpenIdProviderStandIn _provider = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _provider = await OpenIdProviderStandIn.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task A_responder_acknowledges_from_the_incident_page_lands_back_on_it_told_so_and_the_timeline_names_them()
    {
        await using BotHost bot = await StartWithIncidentAsync();
        using TestBrowser browser = SignInBot.Browser(bot);
        string page = await ReadAsync(await browser.SignInAsync(Incident));

        HttpResponseMessage landed = await browser.SubmitAsync($"{Act}/acknowledge", SignInBot.FormToken(page));
        string after = await ReadAsync(landed);
        string again = await ReadAsync(await browser.GoAsync(Incident));

        Assert.Contains($"action=\"{Act}/acknowledge\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Assign to me", page, StringComparison.Ordinal); // Ann is no Slack user: an assignee is one
        Assert.Equal((HttpStatusCode.OK, Incident), (landed.StatusCode, landed.RequestMessage!.RequestUri!.AbsolutePath));
        Assert.Contains("<p class=\"flash done\" role=\"status\">Acknowledged INC-1.</p>", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Acknowledged INC-1.", again, StringComparison.Ordinal); // told once
        IncidentDetailsView incident = await bot.IncidentAsync("INC-1");
        Assert.Equal("acknowledged", incident.Incident.Status);
        Assert.Equal(("Acknowledged", "WebUser", "Ann Example"), (incident.Timeline[^1].Kind, incident.Timeline[^1].ActorKind, incident.Timeline[^1].Actor));
    }

    [Fact]
    public async Task A_live_refresh_of_the_page_between_a_forms_redirect_and_the_page_it_leads_to_leaves_the_message_for_that_page()
    {
        await using BotHost bot = await StartWithIncidentAsync();
        using TestBrowser browser = SignInBot.Browser(bot);
        string token = SignInBot.FormToken(await ReadAsync(await browser.SignInAsync(Incident)));

        using HttpResponseMessage redirect = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Act}/acknowledge")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]),
        });
        // The acknowledgement's commit makes the page the form was on fetch itself again (live.js) while the browser follows the redirect.
        using var liveRefresh = new HttpRequestMessage(HttpMethod.Get, Incident);
        liveRefresh.Headers.Add("X-Live-Refresh", "1");
        string refreshed = await ReadAsync(await browser.SendAsync(liveRefresh));
        string landed = await ReadAsync(await browser.GoAsync(redirect.Headers.Location!.OriginalString));

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Contains("<dd class=\"status\">acknowledged</dd>", refreshed, StringComparison.Ordinal);
        Assert.DoesNotContain("Acknowledged INC-1.", refreshed, StringComparison.Ordinal);
        Assert.Contains("<p class=\"flash done\" role=\"status\">Acknowledged INC-1.</p>", landed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_severity_note_and_resolve_forms_change_the_incident_as_slack_does_and_a_refusal_is_told_on_the_page()
    {
        await using BotHost bot = await StartWithIncidentAsync();
        using TestBrowser browser = SignInBot.Browser(bot);
        string token = SignInBot.FormToken(await ReadAsync(await browser.SignInAsync(Incident)));

        string severity = await ReadAsync(await browser.SubmitAsync($"{Act}/severity", token, ("severity", "SEV3")));
        string badSeverity = await ReadAsync(await browser.SubmitAsync($"{Act}/severity", token, ("severity", "SEV9")));
        string note = await ReadAsync(await browser.SubmitAsync($"{Act}/note", token, ("text", "Rolled back <b>v2</b>")));
        string resolved = await ReadAsync(await browser.SubmitAsync($"{Act}/resolve", token, ("note", "fires on every deploy"), ("noise", "true")));
        string lateAck = await ReadAsync(await browser.SubmitAsync($"{Act}/acknowledge", token));

        Assert.Contains("INC-1 is now SEV3.", severity, StringComparison.Ordinal);
        Assert.Contains("<p class=\"flash refused\" role=\"alert\">&quot;SEV9&quot; is not a severity: choose SEV1, SEV2, SEV3 or SEV4.</p>", badSeverity, StringComparison.Ordinal);
        Assert.Contains("Added your note to INC-1.", note, StringComparison.Ordinal);
        Assert.Contains("Rolled back &lt;b&gt;v2&lt;/b&gt;", note, StringComparison.Ordinal);
        Assert.Contains("Resolved INC-1 as not actionable (noise).", resolved, StringComparison.Ordinal);
        Assert.DoesNotContain($"{Act}/resolve", resolved, StringComparison.Ordinal); // a resolved incident has no resolve form
        Assert.Contains("INC-1 is resolved; only a triggered incident can be acknowledged.", lateAck, StringComparison.Ordinal);
        IncidentDetailsView incident = await bot.IncidentAsync("INC-1");
        Assert.Equal(("SEV3", "resolved"), (incident.Incident.Severity, incident.Incident.Status));
        Assert.Equal(
            [("SeverityChanged", "WebUser"), ("Note", "WebUser"), ("Resolved", "WebUser"), ("MarkedNoise", "WebUser")],
            incident.Timeline.Where(e => e.ActorKind != "Alertmanager" && e.ActorKind != "System").Select(e => (e.Kind, e.ActorKind)));
        Assert.Equal("Not actionable (noise): fires on every deploy", incident.Timeline.Single(e => e.Kind == "MarkedNoise").Text);
    }

    [Fact]
    public async Task A_form_post_without_the_pages_token_or_with_a_made_up_one_is_refused_and_a_get_or_an_unknown_form_changes_nothing()
    {
        await using BotHost bot = await StartWithIncidentAsync();
        using TestBrowser browser = SignInBot.Browser(bot);
        string token = SignInBot.FormToken(await ReadAsync(await browser.SignInAsync(Incident)));

        HttpResponseMessage withoutToken = await browser.SubmitAsync($"{Act}/acknowledge", antiforgeryToken: null);
        HttpResponseMessage madeUp = await browser.SubmitAsync($"{Act}/resolve", "CfDJ8-not-a-token-of-this-session", ("note", "forged"));
        HttpResponseMessage declare = await browser.SubmitAsync("/declare", antiforgeryToken: null, ("Title", "Forged"), ("Severity", "SEV1"));
        HttpResponseMessage typedAddress = await browser.GoAsync($"{Act}/acknowledge");
        HttpResponseMessage unknownForm = await browser.SubmitAsync($"{Act}/reopen", token);

        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            (withoutToken.StatusCode, madeUp.StatusCode, declare.StatusCode));
        Assert.Contains("This address takes the forms of <a href=\"/incidents/INC-1\">", await ReadAsync(typedAddress), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownForm.StatusCode);
        IncidentDetailsView incident = await bot.IncidentAsync("INC-1");
        Assert.Equal("triggered", incident.Incident.Status);
        Assert.DoesNotContain(incident.Timeline, e => e.ActorKind == "WebUser");
        Assert.Equal(1, await CountIncidentsAsync(bot));
    }

    [Fact]
    public async Task A_viewer_who_is_not_a_responder_sees_no_forms_and_is_forbidden_to_post_them_even_with_the_pages_token()
    {
        await using BotHost bot = await StartWithIncidentAsync();
        using TestBrowser browser = SignInBot.Browser(bot);
        _provider.Account = ProviderAccount.Bob;
        string page = await ReadAsync(await browser.SignInAsync(Incident));

        HttpResponseMessage ack = await browser.SubmitAsync($"{Act}/acknowledge", SignInBot.FormToken(page));
        HttpResponseMessage declarePage = await browser.GoAsync("/declare");

        Assert.DoesNotContain("/act/", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/declare\"", page, StringComparison.Ordinal);
        Assert.Contains("You may read; acting needs a responder (SignIn:Responders).", page, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (ack.StatusCode, declarePage.StatusCode));
        Assert.Equal("triggered", (await bot.IncidentAsync("INC-1")).Incident.Status);
    }

    [Fact]
    public async Task Signed_in_with_slack_a_responder_takes_the_incident_and_the_timeline_and_the_card_name_the_slack_user()
    {
        await using BotHost bot = await StartWithIncidentAsync(new()
        {
            ["SignIn:SlackTeamId"] = "T0WORKSPACE",
            ["SignIn:Responders:Users:1"] = "U024BE7LH",
        });
        using TestBrowser browser = SignInBot.Browser(bot);
        _provider.Account = ProviderAccount.SlackUser("U024BE7LH", "T0WORKSPACE");
        string page = await ReadAsync(await browser.SignInAsync(Incident));

        string assigned = await ReadAsync(await browser.SubmitAsync($"{Act}/assign", SignInBot.FormToken(page)));

        Assert.Contains("Assign to me", page, StringComparison.Ordinal);
        Assert.Contains("Assigned INC-1 to you.", assigned, StringComparison.Ordinal);
        IncidentDetailsView incident = await bot.IncidentAsync("INC-1");
        Assert.Equal("U024BE7LH", incident.Incident.Assignee);
        Assert.Equal(("Assigned", "SlackUser", "Sam Slack"), (incident.Timeline[^1].Kind, incident.Timeline[^1].ActorKind, incident.Timeline[^1].Actor));
    }

    [Fact]
    public async Task A_responder_declares_an_incident_from_the_declare_page_and_lands_on_it_and_a_refused_form_keeps_what_was_typed()
    {
        await using BotHost bot = SignInBot.Start(_provider);
        using TestBrowser browser = SignInBot.Browser(bot);
        string home = await ReadAsync(await browser.SignInAsync("/"));
        string form = await ReadAsync(await browser.GoAsync("/declare"));
        string token = SignInBot.FormToken(form);

        HttpResponseMessage refused = await browser.SubmitAsync("/declare", token, ("Title", " "), ("Severity", "SEV2"), ("Service", "checkout-api"));
        HttpResponseMessage declared = await browser.SubmitAsync(
            "/declare", token, ("Title", "Checkout is slow"), ("Severity", "SEV2"), ("Service", "checkout-api"), ("Description", ""));

        Assert.Contains("<a href=\"/declare\">Declare</a>", home, StringComparison.Ordinal);
        string refusedPage = await ReadAsync(refused);
        Assert.Contains("An incident needs a title.", refusedPage, StringComparison.Ordinal);
        Assert.Contains("value=\"checkout-api\"", refusedPage, StringComparison.Ordinal);
        Assert.Equal(Incident, declared.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Declared INC-1.", await ReadAsync(declared), StringComparison.Ordinal);
        IncidentDetailsView incident = await bot.IncidentAsync("INC-1");
        Assert.Equal(("Checkout is slow", "SEV2", "checkout-api", null), (incident.Incident.Title, incident.Incident.Severity, incident.Incident.Service, incident.Description));
        Assert.Equal(("WebUser", "Ann Example"), (incident.Timeline[0].ActorKind, incident.Timeline[0].Actor));
        Assert.Equal(1, await CountIncidentsAsync(bot));
    }

    [Fact]
    public async Task Without_sign_in_the_incident_page_has_no_forms_says_how_to_turn_sign_in_on_and_a_form_post_changes_nothing()
    {
        await using var bot = new BotHost();
        Assert.Equal(HttpStatusCode.OK, (await bot.PostWebhookAsync(Payloads.Firing)).StatusCode);
        HttpClient client = bot.CreateClient();

        string page = await client.GetStringAsync(Incident, Ct);
        using HttpResponseMessage ack = await client.PostAsync($"{Act}/acknowledge", new FormUrlEncodedContent([]), Ct);

        Assert.DoesNotContain("/act/", page, StringComparison.Ordinal);
        Assert.Contains("To turn it on, set SignIn:Authority, SignIn:ClientId and SignIn:ClientSecret (README, Sign-in)", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, ack.StatusCode);
        Assert.Equal("triggered", (await bot.GetIncidentAsync("INC-1")).Incident.Status);
    }

    private async Task<BotHost> StartWithIncidentAsync(Dictionary<string, string?>? settings = null)
    {
        BotHost bot = SignInBot.Start(_provider, settings);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostWebhookAsync(Payloads.Firing)).StatusCode);
        return bot;
    }

    private static async Task<int> CountIncidentsAsync(BotHost bot)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/incidents");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SignInBot.ApiToken);
        using HttpResponseMessage response = await bot.CreateClient().SendAsync(request, Ct);
        return (await response.Content.ReadFromJsonAsync<IncidentListView>(Ct))!.Total;
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
