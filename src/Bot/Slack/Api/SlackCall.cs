namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>
/// One Web API call as the HTTP pipeline sees it, carried on its request: the method (its rate budget, and whether repeating it
/// is harmless), the channel for the per-channel limit, how to read the answer, and how many attempts it has taken.
/// </summary>
internal sealed class SlackCall(SlackMethod method, string? channel = null, bool expectEnvelope = true, string? successError = null)
{
    private static readonly HttpRequestOptionsKey<SlackCall> s_key = new("ChatOpsIncidents.SlackCall");

    public SlackMethod Method => method;

    /// <summary>The channel a <c>chat.postMessage</c> posts to: each channel has its own limit.</summary>
    public string? Channel => channel;

    /// <summary>False for the POST of a file's bytes, whose answer is not Slack JSON.</summary>
    public bool ExpectEnvelope => expectEnvelope;

    /// <summary>An error code that means "already so" and counts as success, such as <c>already_in_channel</c>.</summary>
    public string? SuccessError => successError;

    public int Attempts { get; set; }

    public static SlackCall Of(HttpRequestMessage request) => request.Options.TryGetValue(s_key, out SlackCall? call)
        ? call
        : throw new InvalidOperationException($"A request to {request.RequestUri} carries no Slack call.");

    public void AttachTo(HttpRequestMessage request) => request.Options.Set(s_key, this);
}
