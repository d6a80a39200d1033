using System.Net;
using ChatOpsIncidents.Runbooks.Execution.Steps;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIncidents.Runbooks.Tests.Security;

/// <summary>
/// Issue 16, finding 3, after DNS: a host name whose addresses are link-local, metadata or the bot's Kubernetes API server is
/// refused when http.check connects, unless its allowed_hosts names it; the connection goes to the addresses checked.
/// </summary>
public sealed class HttpCheckConnectorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.170.2")]
    [InlineData("fd00:ec2::254")]
    public async Task A_name_resolving_to_a_metadata_or_link_local_address_is_refused_before_connecting(string address)
    {
        using HttpClient http = Client(null, _ => [IPAddress.Parse(address)]);

        HttpRequestException refused = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(http, "http://status.attacker.example/healthz", []));

        Assert.StartsWith($"status.attacker.example resolves to {address}, a link-local, metadata or Kubernetes API address", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_resolving_to_the_kubernetes_api_server_is_refused_unless_allowed_hosts_names_it_exactly()
    {
        await using WebApplication server = await ServeAsync();
        var apiServer = new Uri(server.Urls.Single());
        using HttpClient http = Client(apiServer, _ => [IPAddress.Loopback]);
        string url = $"http://api.internal:{apiServer.Port}/healthz";

        HttpRequestException refused = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(http, url, ["*.internal:*"]));
        HttpResponseMessage listed = await GetAsync(http, url, [$"api.internal:{apiServer.Port}"]);

        Assert.StartsWith("api.internal resolves to 127.0.0.1", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }

    [Fact]
    public async Task The_connection_goes_to_the_addresses_that_were_checked_so_a_second_answer_from_dns_changes_nothing()
    {
        await using WebApplication server = await ServeAsync();
        int port = new Uri(server.Urls.Single()).Port;
        int lookups = 0;
        using HttpClient http = Client(null, _ => ++lookups == 1 ? [IPAddress.Loopback] : [IPAddress.Parse("169.254.169.254")]);

        HttpResponseMessage answered = await GetAsync(http, $"http://rebinding.example:{port}/healthz", []);

        Assert.Equal((HttpStatusCode.OK, 1), (answered.StatusCode, lookups));
    }

    private static HttpClient Client(Uri? kubernetesServer, Func<string, IPAddress[]> resolve) => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.Zero,
        ConnectCallback = new HttpCheckConnector(kubernetesServer, (host, _) => Task.FromResult(resolve(host))).ConnectAsync,
    })
    { Timeout = TimeSpan.FromSeconds(10) };

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string url, IReadOnlyList<string> allowedHosts)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Options.Set(HttpCheckConnector.AllowedHosts, allowedHosts);
        return await http.SendAsync(request, Ct);
    }

    private static async Task<WebApplication> ServeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication service = builder.Build();
        service.MapGet("/healthz", () => Results.Ok());
        await service.StartAsync(Ct);
        return service;
    }
}
