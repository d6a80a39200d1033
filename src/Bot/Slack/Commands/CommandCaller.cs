using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// Who typed a command and in which channel: all a command handler knows of how the command reached the bot.
/// <see cref="TriggerId"/> and <see cref="ResponseUrl"/> come with a slash command; handlers work without them.
/// </summary>
internal sealed record CommandCaller(string UserId, string? UserName, string? ChannelId)
{
    /// <summary>Lets a handler open a modal (<c>views.open</c>) within about 3 s, once.</summary>
    public string? TriggerId { get; init; }

    /// <summary>Where to tell the person something later. A credential: never log it.</summary>
    public string? ResponseUrl { get; init; }

    /// <summary>
    /// The key a verb that records its own request records it by (<see cref="CommandVerb.RecordingItsRequest"/>); null when the
    /// request was recorded before it reached the verb (Socket Mode's envelope, an app mention's event).
    /// </summary>
    public string? ReplayKey { get; init; }

    /// <summary>The person as the timeline records them.</summary>
    public Actor Actor => Actor.SlackUser(UserId, UserName);

    public ReplyTarget ReplyTarget => new(UserId, ChannelId, ResponseUrl);
}
