using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>
/// One attempt of an HTTP notification (PagerDuty, webhooks, Twilio) within <see cref="NotificationOptions.AttemptTimeout"/>:
/// a 2xx answer is success; 408, 429 and 5xx answers, timeouts and network errors fail for a while (with the answer's
/// <c>Retry-After</c>); any other answer is a refusal for good. Redirects are not followed.
/// </summary>
internal sealed class NotificationHttp(IHttpClientFactory clients, IOptions<NotificationOptions> options, TimeProvider time)
{
    public const string ClientName = "notifications";

    /// <summary>How much of a refusal's answer its failure quotes.</summary>
    private const int MaxQuotedChars = 300;

    /// <summary>Longest wait a <c>Retry-After</c> gets; a longer one is shortened to this.</summary>
    private static readonly TimeSpan s_longestRetryAfter = TimeSpan.FromHours(1);

    public async Task SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        TimeSpan limit = options.Value.AttemptTimeout;
        using var timeout = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using HttpResponseMessage response = await clients.CreateClient(ClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            string answer = await QuoteAsync(response, linked.Token);
            bool transient = response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
            throw new NotificationFailure($"HTTP {(int)response.StatusCode}{answer}", !transient, transient ? RetryAfter(response) : null);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new NotificationFailure($"no answer within {limit}", isPermanent: false, inner: exception);
        }
        catch (HttpRequestException exception)
        {
            throw new NotificationFailure($"network error ({exception.HttpRequestError})", isPermanent: false, inner: exception);
        }
    }

    /// <summary>The start of the answer's body, on one line, for the page's last error and the timeline.</summary>
    private static async Task<string> QuoteAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        char[] buffer = new char[MaxQuotedChars];
        using var reader = new StreamReader(body, Encoding.UTF8);
        int read = await reader.ReadBlockAsync(buffer, cancellationToken);
        string text = string.Join(' ', new string(buffer, 0, read).Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return text.Length == 0 ? "" : $": {text}";
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        TimeSpan? wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero,
            _ => null,
        };
        return wait > s_longestRetryAfter ? s_longestRetryAfter : wait;
    }
}
