using System.Net;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.SignIn;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Delivery;
using ChatOpsIncidents.TestSupport;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace ChatOpsIncidents.Bot.Tests.Dashboard;

/// <summary>
/// Issue 21 in a real chromium: a responder signs in through the provider stand-in and works an incident from its page; the
/// timeline names them and Slack (the stand-in) is told through the outbox. Screenshots land in TestResults/screenshots.
/// </summary>
public sealed class DashboardActionsBrowserTests : IAsyncLifetime
{
    private const string Incident = "/incidents/INC-1";
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(20);
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
    public async Task A_responder_signs_in_acknowledges_and_resolves_with_a_note_from_the_page_under_their_name_and_slack_is_told()
    {
        await using BotHost bot = await StartWithIncidentAsync();
        string channel = await IncidentChannelAsync();
        using ChromiumBrowser browser = ChromiumBrowser.Start();
        SignIn(browser, bot, Incident);

        Click(browser, "acknowledge");
        WaitForFlash(browser, "Acknowledged INC-1.");
        Assert.Equal(["Acknowledged"], TimelineBy(browser, "Ann Example"));
        Assert.Empty(browser.Driver.FindElements(By.CssSelector("form[action$='/act/acknowledge']")));
        browser.SaveScreenshot("incident-actions");
        await WaitForAsync(() => ManualDelivery.LinesIn(_slack, channel).Contains("👀 Ann Example (on the dashboard) acknowledged the incident"), "the acknowledgement in Slack");
        await WaitForAsync(() => CardUpdates().Any(card => card.Contains("by Ann Example (on the dashboard)", StringComparison.Ordinal)), "the card updated in Slack");

        browser.Driver.FindElement(By.CssSelector("form.resolve textarea[name='note']")).SendKeys("Rolled back the 14:02 deploy");
        Click(browser, "resolve");
        WaitForFlash(browser, "Resolved INC-1.");

        Assert.Equal(["Acknowledged", "Resolved: Rolled back the 14:02 deploy"], TimelineBy(browser, "Ann Example"));
        Assert.Equal("resolved", browser.Driver.FindElement(By.CssSelector(".facts .status")).Text);
        IncidentDetailsView incident = await bot.IncidentAsync("INC-1");
        Assert.Equal([("Acknowledged", "WebUser"), ("Resolved", "WebUser")], incident.Timeline.Where(e => e.Actor == "Ann Example").Select(e => (e.Kind, e.ActorKind)));
        await WaitForAsync(
            () => ManualDelivery.LinesIn(_slack, channel).Contains("✅ Ann Example (on the dashboard) resolved the incident: Rolled back the 14:02 deploy"),
            "the resolution in Slack");
        browser.SaveScreenshot("incident-resolved");

        using ChromiumBrowser phone = ChromiumBrowser.Start(width: 390, height: 844);
        SignIn(phone, bot, "/declare");
        phone.SaveScreenshot("declare-phone");
        phone.Driver.FindElement(By.Name("Title")).SendKeys("Checkout is slow");
        phone.Driver.FindElement(By.CssSelector("form.declare button")).Click();
        WaitForFlash(phone, "Declared INC-2.");
        phone.Driver.ExecuteScript("document.querySelector('section.actions').scrollIntoView();");
        phone.SaveScreenshot("incident-actions-phone");
        Assert.NotEmpty(phone.Driver.FindElements(By.CssSelector("form[action$='/act/acknowledge']")));
    }

    [Fact]
    public async Task A_responder_signed_in_with_okta_whom_slack_knows_by_email_takes_the_incident_from_the_page_and_the_card_names_them()
    {
        _slack.Workspace.AddUser("U0ANN0001", "ann", "Ann Example", email: "ann@example.com");
        await using BotHost bot = await StartWithIncidentAsync();
        await IncidentChannelAsync();
        using ChromiumBrowser browser = ChromiumBrowser.Start();
        SignIn(browser, bot, Incident);

        Click(browser, "assign");
        WaitForFlash(browser, "Assigned INC-1 to you.");

        browser.SaveScreenshot("incident-assigned-by-email");
        Assert.Equal("Ann Example", browser.Driver.FindElement(By.XPath("//dl[@class='facts']/dt[.='Assignee']/following-sibling::dd[1]")).Text);
        IncidentDetailsView incident = await bot.IncidentAsync("INC-1");
        Assert.Equal(("U0ANN0001", "Assigned", "SlackUser"), (incident.Incident.Assignee, incident.Timeline[^1].Kind, incident.Timeline[^1].ActorKind));
        await WaitForAsync(() => CardUpdates().Any(card => card.Contains("U0ANN0001", StringComparison.Ordinal)), "the card naming the assignee in Slack");
    }

    [Fact]
    public async Task A_viewer_who_is_not_a_responder_signs_in_and_sees_the_incident_without_any_form()
    {
        await using BotHost bot = await StartWithIncidentAsync();
        _provider.Account = ProviderAccount.Bob;
        using ChromiumBrowser browser = ChromiumBrowser.Start();

        SignIn(browser, bot, Incident);

        Assert.Equal("triggered", browser.Driver.FindElement(By.CssSelector(".facts .status")).Text);
        Assert.Empty(browser.Driver.FindElements(By.CssSelector("main form, section.actions")));
        Assert.Empty(browser.Driver.FindElements(By.LinkText("Declare")));
        Assert.Contains("You may read; acting needs a responder", browser.Driver.FindElement(By.CssSelector("form.session")).Text, StringComparison.Ordinal);
        browser.SaveScreenshot("incident-viewer");
    }

    /// <summary>
    /// The bot on loopback with sign-in through the provider stand-in and Slack's stand-in, and INC-1 opened by an alert; in
    /// Development, as <c>dotnet run</c> runs it, where its cookies may travel over plain http.
    /// </summary>
    private async Task<BotHost> StartWithIncidentAsync()
    {
        BotHost bot = SignInBot.Start(_provider, ManualDelivery.SlackSettings(_slack, _slack.Workspace.AddChannel("incidents")), environment: "Development");
        bot.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        bot.StartServer();
        Assert.Equal(HttpStatusCode.OK, (await bot.PostWebhookAsync(Payloads.Firing)).StatusCode);
        return bot;
    }

    /// <summary>Goes to the bot's sign-in, through the provider, and lands on <paramref name="page"/>.</summary>
    private static void SignIn(ChromiumBrowser browser, BotHost bot, string page)
    {
        browser.Driver.Navigate().GoToUrl(new Uri(bot.ClientOptions.BaseAddress, $"/signin?returnUrl={Uri.EscapeDataString(page)}"));
        browser.WaitUntil(driver => new Uri(driver.Url).AbsolutePath == page && driver.FindElements(By.CssSelector("form.session")).Count == 1, $"{page} after signing in");
    }

    private static void Click(ChromiumBrowser browser, string action) =>
        browser.Driver.FindElement(By.CssSelector($"form[action$='/act/{action}'] button")).Click();

    /// <summary>Waits for the page to show <paramref name="expected"/> as its message, failing with what the page shows instead.</summary>
    private static void WaitForFlash(ChromiumBrowser browser, string expected)
    {
        try
        {
            browser.WaitUntil(driver => Flash(driver) == expected, $"the message \"{expected}\"");
        }
        catch (WebDriverTimeoutException)
        {
            ChromeDriver page = browser.Driver;
            Assert.Fail($"Expected the message \"{expected}\"; {page.Url} shows \"{Flash(page)}\" under \"{page.FindElements(By.TagName("h1")).FirstOrDefault()?.Text}\".");
        }
    }

    private static string Flash(IWebDriver driver) => driver.FindElements(By.CssSelector("main .flash")).FirstOrDefault()?.Text ?? "";

    /// <summary>The texts of the timeline entries the page shows under <paramref name="actor"/>.</summary>
    private static List<string> TimelineBy(ChromiumBrowser browser, string actor) =>
        [.. browser.Driver.FindElements(By.CssSelector(".timeline li"))
            .Where(entry => entry.FindElement(By.ClassName("actor")).Text == actor)
            .Select(entry => entry.FindElement(By.ClassName("text")).Text)];

    private async Task<string> IncidentChannelAsync()
    {
        await WaitForAsync(() => _slack.CallsTo("chat.postMessage").Any(call => call.Json?["blocks"] is not null), "the incident's card in Slack");
        return ManualDelivery.ChannelOf(_slack, "INC-1");
    }

    /// <summary>The cards' texts as the bot last edited them (chat.update bodies).</summary>
    private IEnumerable<string> CardUpdates() => _slack.CallsTo("chat.update").Select(call => call.Json?.ToJsonString() ?? "");

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        using var patience = new CancellationTokenSource(s_patience);
        while (!condition())
        {
            Assert.False(patience.IsCancellationRequested, $"Timed out waiting for {what}.");
            await Task.Delay(50, Ct);
        }
    }
}
