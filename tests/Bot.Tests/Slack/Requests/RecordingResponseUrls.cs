using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace ChatOpsIncidents.Bot.Tests.Slack.Requests;

/// <summary>
/// Stands in for Slack's <c>response_url</c> endpoint (hooks.slack.com): records each POST (URL and JSON body) and answers
/// 200, or <see cref="FailWith"/> when set.
/// </summary>
public sealed class RecordingResponseUrls : HttpMessageHandler
{
    public const string Url = "https://hooks.slack.com/commands/T0INCBOT1/1111111111/AbCdEfGhIjKlMnOp";

    private readonly ConcurrentQueue<(Uri Url, JsonObject Body)> _posts = new();

    public HttpStatusCode? FailWith { get; set; }

    public IReadOnlyList<(Uri Url, JsonObject Body)> Posts => [.. _posts];

    /// <summary>The text of each message posted, in order.</summary>
    public IReadOnlyList<string> Texts => [.. _posts.Select(post => post.Body["text"]?.GetValue<string>() ?? "")];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        _posts.Enqueue((request.RequestUri!, JsonNode.Parse(body)!.AsObject()));
        return new HttpResponseMessage(FailWith ?? HttpStatusCode.OK) { Content = new StringContent(FailWith is null ? "ok" : "expired_url") };
    }
}
