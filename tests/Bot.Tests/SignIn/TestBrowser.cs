using System.Net;

namespace ChatOpsIncidents.Bot.Tests.SignIn;

/// <summary>
/// What the sign-in flow needs of a browser: follows redirects (at most 10) between the bot (in memory, at
/// <see cref="BotRoot"/>) and the identity provider stand-in (on loopback), and keeps cookies per host, sending a
/// <c>Secure</c> one over https only. Every <c>Set-Cookie</c> header seen is kept for the tests to check.
/// </summary>
public sealed class TestBrowser(HttpMessageHandler bot) : IDisposable
{
    public static readonly Uri BotRoot = new("https://localhost/");
    private const int MaxRedirects = 10;

    private readonly HttpClient _bot = new(bot) { BaseAddress = BotRoot };
    private readonly HttpClient _network = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private Dictionary<string, Dictionary<string, (string Value, bool Secure)>> _cookies = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _setCookies = [];

    public IReadOnlyList<string> SetCookieHeaders => _setCookies;

    /// <summary>The cookie's value as the browser holds it for the bot, or null.</summary>
    public string? BotCookie(string name) => _cookies.GetValueOrDefault(BotRoot.Authority)?.GetValueOrDefault(name).Value;

    /// <summary>
    /// Another tab of this browser, sharing its cookies, on a bot at the same address that <paramref name="otherBot"/> serves: a
    /// second replica behind the same load balancer.
    /// </summary>
    public TestBrowser OnOtherReplica(HttpMessageHandler otherBot) => new(otherBot) { _cookies = _cookies };

    /// <summary>Navigates to <paramref name="url"/> (a path of the bot, or an absolute URL) and follows redirects.</summary>
    public async Task<HttpResponseMessage> GoAsync(string url)
    {
        var next = new Uri(BotRoot, url);
        for (int hop = 0; hop <= MaxRedirects; hop++)
        {
            HttpResponseMessage response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, next));
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb))
            {
                return response;
            }
            next = new Uri(next, response.Headers.Location!);
        }
        throw new InvalidOperationException($"More than {MaxRedirects} redirects, the last to {next}.");
    }

    /// <summary>Sends one request with the browser's cookies for its host, and keeps the cookies of the answer.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        Uri uri = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(BotRoot, request.RequestUri);
        request.RequestUri = uri;
        bool https = uri.Scheme == Uri.UriSchemeHttps;
        if (_cookies.TryGetValue(uri.Authority, out Dictionary<string, (string Value, bool Secure)>? jar))
        {
            string header = string.Join("; ", jar.Where(cookie => https || !cookie.Value.Secure).Select(cookie => $"{cookie.Key}={cookie.Value.Value}"));
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }
        }
        HttpClient client = uri.Authority == BotRoot.Authority ? _bot : _network;
        HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        foreach (string setCookie in response.Headers.TryGetValues("Set-Cookie", out IEnumerable<string>? values) ? values : [])
        {
            _setCookies.Add(setCookie);
            Keep(uri.Authority, setCookie);
        }
        return response;
    }

    private void Keep(string host, string setCookie)
    {
        string[] parts = setCookie.Split(';', StringSplitOptions.TrimEntries);
        string[] pair = parts[0].Split('=', 2);
        Dictionary<string, (string Value, bool Secure)> jar = _cookies.TryGetValue(host, out var existing) ? existing : _cookies[host] = new(StringComparer.Ordinal);
        bool expired = pair[1].Length == 0 || parts.Any(part => part.StartsWith("expires=", StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(part["expires=".Length..], out DateTimeOffset expires) && expires < DateTimeOffset.UtcNow);
        if (expired)
        {
            jar.Remove(pair[0]);
        }
        else
        {
            jar[pair[0]] = (pair[1], parts.Any(part => part.Equals("secure", StringComparison.OrdinalIgnoreCase)));
        }
    }

    public void Dispose()
    {
        _bot.Dispose();
        _network.Dispose();
    }
}
