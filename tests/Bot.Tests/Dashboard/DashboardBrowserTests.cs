using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Dashboard;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace ChatOpsIncidents.Bot.Tests.Dashboard;

/// <summary>The dashboard's pages in a real chromium, against the real bot on loopback; screenshots land in TestResults/screenshots.</summary>
public sealed class DashboardBrowserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_open_incidents_are_listed_newest_first_and_a_service_filter_keeps_only_that_service_in_the_address()
    {
        await using BotHost bot = StartBot();
        await PostAlertAsync(bot, "checkout", Alert("CheckoutDown", "checkout", "Checkout is down"));
        await PostAlertAsync(bot, "payments", Alert("PaymentsSlow", "payments", "Payments are slow"));
        IncidentListView incidents = await bot.ListIncidentsAsync();
        using ChromiumBrowser browser = ChromiumBrowser.Start();

        browser.Driver.Navigate().GoToUrl(new Uri(bot.ClientOptions.BaseAddress, "/"));
        Assert.Equal([.. incidents.Items.Select(i => $"{i.Key} {i.Title}")], Rows(browser));
        Assert.Equal(["Payments are slow", "Checkout is down"], incidents.Items.Select(i => i.Title));
        browser.SaveScreenshot("incidents");

        browser.Driver.FindElement(By.Name("service")).SendKeys("checkout");
        browser.Driver.FindElement(By.CssSelector(".filters button")).Click();
        browser.WaitUntil(driver => driver.Url.Contains("service=checkout", StringComparison.Ordinal), "the filtered list");

        Assert.Equal([$"{incidents.Items[1].Key} Checkout is down"], Rows(browser));
        Assert.Equal("checkout", browser.Driver.FindElement(By.Name("service")).GetDomProperty("value"));
        browser.SaveScreenshot("incidents-filtered");
        using ChromiumBrowser phone = ChromiumBrowser.Start(width: 390, height: 844);
        phone.Driver.Navigate().GoToUrl(new Uri(bot.ClientOptions.BaseAddress, "/"));
        phone.SaveScreenshot("incidents-phone");
    }

    [Fact]
    public async Task Opening_an_incident_from_the_list_shows_its_alerts_and_its_whole_timeline()
    {
        await using BotHost bot = StartBot();
        await PostAlertAsync(bot, "checkout", Alert("CheckoutDown", "checkout", "Checkout is down"));
        string key = (await bot.ListIncidentsAsync()).Items.Single().Key;
        IncidentDetailsView details = await bot.GetIncidentAsync(key);
        using ChromiumBrowser browser = ChromiumBrowser.Start();

        browser.Driver.Navigate().GoToUrl(new Uri(bot.ClientOptions.BaseAddress, "/"));
        browser.Driver.FindElement(By.LinkText(key)).Click();
        browser.WaitUntil(driver => driver.Url.EndsWith($"/incidents/{key}", StringComparison.Ordinal), "the incident's page");

        Assert.Equal($"SEV1 {key} Checkout is down", browser.Driver.FindElement(By.TagName("h1")).Text);
        Assert.NotEmpty(details.Timeline);
        Assert.Equal(details.Timeline.Select(e => e.Text), browser.Driver.FindElements(By.CssSelector(".timeline .text")).Select(text => text.Text));
        Assert.Contains("alertname=CheckoutDown", browser.Driver.FindElement(By.CssSelector(".alerts .labels")).Text, StringComparison.Ordinal);
        Assert.Equal("http://prometheus.example:9090/graph?g0.expr=up", browser.Driver.FindElement(By.LinkText("source")).GetDomAttribute("href"));
        Assert.NotEmpty(browser.Driver.FindElements(By.CssSelector(".postmortem h1, .postmortem h2")));
        browser.SaveScreenshot("incident");
    }

    [Fact]
    public async Task A_script_in_a_label_and_a_javascript_generator_url_stay_inert_text_under_a_strict_content_security_policy()
    {
        await using BotHost bot = StartBot();
        const string ScriptLabel = "<script>alert('label')</script>";
        const string ImageSummary = "<img src=x onerror=alert('summary')> [click](javascript:alert('markdown'))";
        var labels = new Dictionary<string, string> { ["alertname"] = ScriptLabel, ["service"] = "<svg onload=alert('service')>", ["severity"] = "critical" };
        await PostAlertAsync(bot, "xss", Payloads.OneAlert("xss", labels, new Dictionary<string, string> { ["summary"] = ImageSummary }), "javascript:alert('generator')");
        string key = (await bot.ListIncidentsAsync()).Items.Single().Key;
        using ChromiumBrowser browser = ChromiumBrowser.Start();

        foreach (string page in new[] { "/", $"/incidents/{key}" })
        {
            browser.Driver.Navigate().GoToUrl(new Uri(bot.ClientOptions.BaseAddress, page));
            Assert.Throws<NoAlertPresentException>(() => browser.Driver.SwitchTo().Alert());
            Assert.Contains(ImageSummary, browser.Driver.FindElement(By.TagName("main")).Text, StringComparison.Ordinal);
            Assert.Empty(browser.Driver.FindElements(By.CssSelector("main img, main svg, main script, a[href^='javascript' i]")));
            Assert.Equal(["/dashboard/live.js"], browser.Driver.FindElements(By.TagName("script")).Select(s => new Uri(s.GetDomProperty("src")!).AbsolutePath));

            using HttpResponseMessage response = await bot.CreateClient().GetAsync(page, Ct);
            Assert.Equal(DashboardSecurityHeaders.ContentSecurityPolicy, string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        }
        Assert.Contains($"alertname={ScriptLabel}", browser.Driver.FindElement(By.CssSelector(".alerts .labels")).Text, StringComparison.Ordinal);
        Assert.Equal("javascript:alert('generator')", browser.Driver.FindElement(By.CssSelector(".alerts .url")).Text);
        Assert.All(browser.Driver.FindElements(By.CssSelector(".postmortem a")), link => Assert.Matches("^(https?://.*)?$", link.GetDomAttribute("href") ?? ""));
        Assert.DoesNotContain("unsafe", DashboardSecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        browser.SaveScreenshot("incident-hostile-alert");
    }

    [Fact]
    public async Task A_webhook_posted_while_the_list_is_open_shows_up_without_a_reload()
    {
        await using BotHost bot = StartBot();
        await PostAlertAsync(bot, "checkout", Alert("CheckoutDown", "checkout", "Checkout is down"));
        using ChromiumBrowser browser = ChromiumBrowser.Start();
        browser.Driver.Navigate().GoToUrl(new Uri(bot.ClientOptions.BaseAddress, "/"));
        browser.Driver.ExecuteScript("window.sameDocument = true;");
        browser.WaitUntil(driver => driver.FindElement(By.TagName("body")).GetDomAttribute("data-live") == "ready", "the page to subscribe to changes");

        await PostAlertAsync(bot, "payments", Alert("PaymentsSlow", "payments", "Payments are slow"));

        browser.WaitUntil(_ => Rows(browser).Count == 2, "the new incident on the open page");
        Assert.True(browser.Driver.ExecuteScript("return window.sameDocument === true;") is true, "The page was reloaded.");
        Assert.EndsWith("Payments are slow", Rows(browser)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_on_call_page_shows_who_is_on_call_now_and_next_and_the_runbooks_page_lists_the_loaded_runbooks()
    {
        DateTimeOffset overrideFrom = DateTimeOffset.UtcNow.Date.AddDays(2).AddHours(9);
        await using BotHost bot = StartBot(new()
        {
            ["OnCall:Schedules:primary:Layers:0:Participants:0"] = "UALICE",
            ["OnCall:Schedules:primary:Overrides:0:User"] = "UBOB",
            ["OnCall:Schedules:primary:Overrides:0:From"] = overrideFrom.ToString("O"),
            ["OnCall:Schedules:primary:Overrides:0:To"] = overrideFrom.AddDays(1).ToString("O"),
        });
        using ChromiumBrowser browser = ChromiumBrowser.Start();

        browser.Driver.Navigate().GoToUrl(new Uri(bot.ClientOptions.BaseAddress, "/oncall"));

        Assert.Equal($"Now: UALICE · Next: UBOB from {Display.Time(overrideFrom)}", browser.Driver.FindElement(By.CssSelector(".schedule .now")).Text);
        Assert.Equal(3, browser.Driver.FindElements(By.CssSelector(".schedule svg rect")).Count); // Alice, Bob, Alice again
        browser.SaveScreenshot("oncall");

        browser.Driver.Navigate().GoToUrl(new Uri(bot.ClientOptions.BaseAddress, "/runbooks"));

        IReadOnlyList<Runbook> loaded = bot.Services.GetRequiredService<RunbookCatalog>().All;
        Assert.NotEmpty(loaded);
        Assert.Equal(loaded.Select(r => $"runbook-{r.Id}"), browser.Driver.FindElements(By.CssSelector("section.runbook")).Select(s => s.GetDomAttribute("id")));
        Assert.Equal(loaded.Select(r => $"{r.Title} {r.Id}"), browser.Driver.FindElements(By.CssSelector("section.runbook > h2")).Select(h => h.GetDomProperty("textContent")));
        browser.SaveScreenshot("runbooks");
    }

    [Fact]
    public async Task The_insights_page_draws_the_incidents_opened_today_as_a_bar_of_their_severity_for_each_period()
    {
        await using BotHost bot = StartBot();
        await PostAlertAsync(bot, "checkout", Alert("CheckoutDown", "checkout", "Checkout is down"));
        await PostAlertAsync(bot, "payments", Alert("PaymentsSlow", "payments", "Payments are slow"));
        using ChromiumBrowser browser = ChromiumBrowser.Start();

        foreach (int days in new[] { 7, 30, 90 })
        {
            browser.Driver.Navigate().GoToUrl(new Uri(bot.ClientOptions.BaseAddress, $"/insights?days={days}&by=service"));

            IWebElement opened = browser.Driver.FindElements(By.CssSelector("figure.chart")).Single(f => f.Text.StartsWith("Incidents opened per day", StringComparison.Ordinal));
            IWebElement bar = Assert.Single(opened.FindElements(By.CssSelector("rect")));
            Assert.Equal($"SEV1, {DateTimeOffset.UtcNow.ToString("MMM d", CultureInfo.InvariantCulture)}: 2", bar.FindElement(By.TagName("title")).GetDomProperty("textContent"));
            Assert.Equal($"{days} days", browser.Driver.FindElement(By.CssSelector(".choices a.chosen")).Text);
        }
        browser.SaveScreenshot("insights");
        Assert.Empty(browser.Driver.FindElements(By.CssSelector("main script")));
    }

    private static BotHost StartBot(Dictionary<string, string?>? settings = null)
    {
        var bot = new BotHost(settings);
        bot.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        bot.StartServer();
        return bot;
    }

    private static string Alert(string name, string service, string summary) => Payloads.OneAlert(
        name,
        new Dictionary<string, string> { ["alertname"] = name, ["service"] = service, ["severity"] = "critical" },
        new Dictionary<string, string> { ["summary"] = summary });

    private static async Task PostAlertAsync(BotHost bot, string group, string delivery, string? generatorUrl = null)
    {
        JsonNode json = JsonNode.Parse(delivery)!;
        json["groupKey"] = $"{{}}:{{group=\"{group}\"}}";
        if (generatorUrl is not null)
        {
            json["alerts"]![0]!["generatorURL"] = generatorUrl;
        }
        using HttpResponseMessage response = await bot.PostWebhookAsync(json.ToJsonString());
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Each listed incident as "INC-n title".</summary>
    private static List<string> Rows(ChromiumBrowser browser) =>
        [.. browser.Driver.FindElements(By.CssSelector("table.incidents tbody td.title")).Select(cell => cell.Text)];

}
