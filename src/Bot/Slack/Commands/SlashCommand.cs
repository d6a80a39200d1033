namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// A slash command as Slack sends it (docs/slack.md, "Slash commands"). <see cref="Text"/> is everything after the command;
/// with <c>should_escape</c> mentions come as
/// <c>&lt;@U123|name&gt;</c> and <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> as entities.
/// </summary>
public sealed record SlashCommand(string Command, string Text, string UserId)
{
    /// <summary>Display only: Slack is phasing it out. <see cref="UserId"/> says who it was.</summary>
    public string? UserName { get; init; }

    public string? ChannelId { get; init; }

    public string? ChannelName { get; init; }

    public string? TeamId { get; init; }

    public string? ApiAppId { get; init; }

    /// <summary>Where to send up to five follow-up messages within 30 minutes. A credential: never log it.</summary>
    public string? ResponseUrl { get; init; }

    /// <summary>Lets the bot open a modal (<c>views.open</c>) within about 3 s, once.</summary>
    public string? TriggerId { get; init; }
}
