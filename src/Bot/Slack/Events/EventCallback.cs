namespace ChatOpsIncidents.Bot.Slack.Events;

/// <summary>
/// An Events API body, over HTTP or in a Socket Mode <c>events_api</c> envelope: <c>url_verification</c> (HTTP only, with its
/// <see cref="Challenge"/>) or <c>event_callback</c> with the <see cref="Event"/> and the <see cref="EventId"/> Slack keeps when it retries.
/// </summary>
public sealed record EventCallback(string Type)
{
    public const string UrlVerification = "url_verification";
    public const string Callback = "event_callback";

    public string? Challenge { get; init; }

    public string? EventId { get; init; }

    public string? TeamId { get; init; }

    public string? ApiAppId { get; init; }

    public SlackEvent? Event { get; init; }
}

/// <summary>The event itself; for <c>app_mention</c>: who wrote <see cref="Text"/> (with the bot's mention in it) in which channel.</summary>
public sealed record SlackEvent(string Type)
{
    public const string AppMention = "app_mention";

    public string? User { get; init; }

    public string? Text { get; init; }

    public string? Channel { get; init; }

    /// <summary>Set when a bot wrote the message: the bot does not take orders from bots.</summary>
    public string? BotId { get; init; }
}
