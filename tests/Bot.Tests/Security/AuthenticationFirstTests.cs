using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using ChatOpsIncidents.Bot.Tests.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace ChatOpsIncidents.Bot.Tests.Security;

/// <summary>
/// Issue 15, finding 2: the API read the whole body before checking the token, with no body limit. Eight concurrent
/// unauthenticated <c>POST /api/incidents</c> with a 28 MB <c>description</c> took the process from 187 MB to 1.1 GB before each
/// got 401, and without a token a broken body got 400/415 instead of 401. The webhook and Slack's endpoints must hold too
/// (Slack's signature needs the body, but a request without fresh signature headers is refused before it is read).
/// </summary>
public sealed class AuthenticationFirstTests
{
    private const int Requests = 8;
    private const int DeclaredBytes = 28_000_000;
    private const int SentBytes = 64 * 1024;
    private const string ApiToken = "ci-s3cret-token";

    private static readonly Dictionary<string, string?> s_tokens = new()
    {
        ["Alertmanager:BearerToken"] = "am-s3cret-token",
        ["Api:Tokens:ci"] = ApiToken,
        ["Slack:BotToken"] = "xoxb-never-called",
        ["Slack:SigningSecret"] = "slack-signing-secret",
        ["Slack:IncidentsChannel"] = "#incidents",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Each request declares 28 MB and sends 64 KiB of it: only a bot that answers before reading the body can answer at all,
    /// and the answer must come within seconds.
    /// </summary>
    [Theory]
    [InlineData("/api/incidents")]
    [InlineData("/webhooks/alertmanager")]
    [InlineData("/slack/commands")]
    [InlineData("/slack/events")]
    public async Task Eight_concurrent_unauthenticated_28_MB_bodies_are_answered_401_before_the_body_is_read(string path)
    {
        await using var bot = new BotHost(s_tokens);
        bot.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        Uri address = bot.CreateClient().BaseAddress!;

        string[] answers = await Task.WhenAll(Enumerable.Range(0, Requests).Select(_ => PostPartOfABigBodyAsync(address, path)));

        Assert.All(answers, answer => Assert.StartsWith("HTTP/1.1 401", answer, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/incidents", "application/json", "{\"title\":")]
    [InlineData("/api/incidents", "text/plain", "declare it")]
    [InlineData("/api/incidents/INC-1/ack", "application/json", "[1,2")]
    [InlineData("/webhooks/alertmanager", "application/json", "{\"version\":")]
    [InlineData("/webhooks/alertmanager", "text/plain", "alert!")]
    public async Task A_broken_body_without_a_token_gets_401_not_400_or_415(string path, string contentType, string body)
    {
        await using var bot = new BotHost(s_tokens);

        HttpResponseMessage response = await bot.CreateClient().PostAsync(path, new StringContent(body, Encoding.UTF8, contentType), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task An_api_body_over_32_KiB_is_refused_with_413_and_a_detail_that_says_so()
    {
        await using var bot = new BotHost(s_tokens);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/incidents")
        {
            Content = JsonContent.Create(new { title = "Checkout is down", description = new string('d', 40 * 1024) }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);

        HttpResponseMessage response = await bot.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("32 KiB", (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))?.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await bot.ListIncidentsAsync()).Total);
    }

    /// <summary>Returns the answer's status line, or "no answer" when none came within 10 s.</summary>
    private static async Task<string> PostPartOfABigBodyAsync(Uri address, string path)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, Ct);
        NetworkStream stream = client.GetStream();
        string head = string.Create(CultureInfo.InvariantCulture,
            $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {DeclaredBytes}\r\n\r\n");
        byte[] start = Encoding.ASCII.GetBytes("{\"title\":\"Checkout is down\",\"description\":\"" + new string('d', SentBytes));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        await stream.WriteAsync(start, Ct);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(TimeSpan.FromSeconds(10));
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        try
        {
            return await reader.ReadLineAsync(patience.Token) ?? "no answer";
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return "no answer";
        }
    }
}
