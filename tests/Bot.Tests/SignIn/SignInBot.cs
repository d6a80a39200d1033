using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.SignIn;
using ChatOpsIncidents.Bot.Tests.Hosting;

namespace ChatOpsIncidents.Bot.Tests.SignIn;

/// <summary>The bot with sign-in through the provider stand-in, and a browser for it.</summary>
internal static class SignInBot
{
    public const string ApiToken = "ci-token-for-sign-in-tests";

    /// <summary>
    /// People at example.com may sign in, Ann (ann@example.com) may act; the API takes the token <see cref="ApiToken"/>.
    /// <paramref name="settings"/> adds to or replaces these.
    /// </summary>
    /// <param name="environment">The bot's hosting environment (<see cref="BotHost.Environment"/>).</param>
    public static BotHost Start(OpenIdProviderStandIn provider, Dictionary<string, string?>? settings = null, string environment = "Testing")
    {
        var all = new Dictionary<string, string?>
        {
            ["SignIn:Authority"] = provider.Issuer,
            ["SignIn:ClientId"] = OpenIdProviderStandIn.ClientId,
            ["SignIn:ClientSecret"] = OpenIdProviderStandIn.ClientSecret,
            ["SignIn:AllowedEmailDomains:0"] = "example.com",
            ["SignIn:Responders:Users:0"] = "ann@example.com",
            ["Api:Tokens:ci"] = ApiToken,
        };
        foreach ((string key, string? value) in settings ?? [])
        {
            all[key] = value;
        }
        return new BotHost(all.Where(pair => pair.Value is not null).ToDictionary()) { Environment = environment };
    }

    public static TestBrowser Browser(BotHost bot) => new(bot.Server.CreateHandler());

    /// <summary>Signs the browser in through the provider, and answers where it landed.</summary>
    public static Task<HttpResponseMessage> SignInAsync(this TestBrowser browser, string returnUrl = "/api/me") =>
        browser.GoAsync($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");

    public static async Task<SessionView> SessionAsync(this TestBrowser browser)
    {
        HttpResponseMessage response = await browser.GoAsync("/api/me");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<SessionView>(TestContext.Current.CancellationToken) ?? throw new InvalidOperationException("No session.");
    }

    /// <summary>The incident as the API shows it to the holder of <see cref="ApiToken"/>.</summary>
    public static async Task<IncidentDetailsView> IncidentAsync(this BotHost bot, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/incidents/{key}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);
        HttpResponseMessage response = await bot.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<IncidentDetailsView>(TestContext.Current.CancellationToken) ?? throw new InvalidOperationException("No incident.");
    }

    /// <summary>A JSON POST from the browser, with the session's anti-forgery token in its header when given one.</summary>
    public static Task<HttpResponseMessage> PostAsync(this TestBrowser browser, string path, object body, string? antiforgeryToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (antiforgeryToken is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", antiforgeryToken);
        }
        return browser.SendAsync(request);
    }

    /// <summary>The anti-forgery token a page of the bot carries in its forms.</summary>
    public static string FormToken(string page) =>
        Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1] is { Success: true } token
            ? token.Value
            : throw new InvalidOperationException("The page has no anti-forgery token.");

    /// <summary>
    /// Submits a form of the bot's pages as a browser does (urlencoded, with <paramref name="antiforgeryToken"/> as its hidden
    /// field when given), following the redirect it answers with.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        this TestBrowser browser, string action, string? antiforgeryToken, params (string Name, string Value)[] fields)
    {
        IEnumerable<KeyValuePair<string, string>> form = fields.Select(field => KeyValuePair.Create(field.Name, field.Value));
        if (antiforgeryToken is not null)
        {
            form = form.Append(KeyValuePair.Create("__RequestVerificationToken", antiforgeryToken));
        }
        HttpResponseMessage response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(form) });
        return response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
            ? await browser.GoAsync(response.Headers.Location!.OriginalString)
            : response;
    }
}
