using System.Net.Http.Headers;
using ChatOpsIncidents.Bot.Slack.Api;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.SocketMode;

/// <summary>
/// <c>apps.connections.open</c> with the app-level token (as a bearer: Slack refuses it in the body): a fresh single-use
/// <c>wss://</c> URL for each connection.
/// </summary>
internal sealed class SocketModeUrls(IHttpClientFactory clients, SlackApiMetrics metrics, IOptions<SlackOptions> options)
{
    public const string ClientName = "SocketModeUrls";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<Uri> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            Uri url = await CallAsync(cancellationToken);
            metrics.Called(SlackMethod.OpenConnection, SlackApiMetrics.Ok);
            return url;
        }
        catch (SlackApiException failure)
        {
            metrics.Called(SlackMethod.OpenConnection, failure.Error);
            throw;
        }
    }

    private async Task<Uri> CallAsync(CancellationToken cancellationToken)
    {
        HttpClient http = clients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "apps.connections.open");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.AppToken);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException(SlackMethod.OpenConnection.Name, $"http_{(int)response.StatusCode}", response.StatusCode, isRetryable: true, outcomeUnknown: false);
        }
        ConnectionsOpenResponse? answer = await response.Content.ReadFromJsonAsync(SocketModeJsonContext.Default.ConnectionsOpenResponse, cancellationToken);
        if (answer is not { Ok: true, Url: { } url } || !Uri.TryCreate(url, UriKind.Absolute, out Uri? socketUrl) || socketUrl.Scheme is not ("wss" or "ws"))
        {
            throw new SlackApiException(SlackMethod.OpenConnection.Name, answer?.Error ?? "invalid_response", response.StatusCode, isRetryable: true, outcomeUnknown: false);
        }
        return socketUrl;
    }
}
