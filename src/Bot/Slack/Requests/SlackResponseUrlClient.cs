namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>
/// Posts follow-up messages to an interaction's <c>response_url</c> (usable five times within 30 minutes). The URL is a
/// credential: it is never logged, and this client's HttpClient has the default request logging removed.
/// </summary>
internal sealed partial class SlackResponseUrlClient(HttpClient http, ILogger<SlackResponseUrlClient> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>True when Slack took the message; false (logged) when the URL is unusable, expired or unreachable.</summary>
    public async Task<bool> PostAsync(string responseUrl, SlackReply reply, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out Uri? url) || url.Scheme is not ("https" or "http"))
        {
            LogUnusable(logger, "not an absolute http(s) URL");
            return false;
        }
        try
        {
            using JsonContent content = JsonContent.Create(reply, SlackRequestsJsonContext.Default.SlackReply);
            using HttpResponseMessage response = await http.PostAsync(url, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogUnusable(logger, $"Slack answered HTTP {(int)response.StatusCode}");
                return false;
            }
            return true;
        }
        catch (HttpRequestException exception)
        {
            LogUnusable(logger, $"network error {exception.HttpRequestError}");
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnusable(logger, $"no answer within {Timeout.TotalSeconds:0} s");
            return false;
        }
    }

    [LoggerMessage(EventId = 2220, Level = LogLevel.Warning, Message = "Could not post to a Slack response_url: {Reason}")]
    private static partial void LogUnusable(ILogger logger, string reason);
}
