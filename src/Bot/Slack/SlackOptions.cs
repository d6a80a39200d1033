namespace ChatOpsIncidents.Bot.Slack;

public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>The bot's xoxb- token. Without it Slack is off and the bot works through its API only.</summary>
    public string? BotToken { get; set; }

    /// <summary>Verifies that requests to /slack/* come from Slack. Required when Slack is on.</summary>
    public string? SigningSecret { get; set; }

    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Where new incidents are announced, e.g. "#incidents" or a channel id. Required when Slack is on.</summary>
    public string? IncidentsChannel { get; set; }

    /// <summary>Incident channels are named "&lt;prefix&gt;-&lt;n&gt;-&lt;slug&gt;".</summary>
    public string ChannelPrefix { get; set; } = "inc";

    /// <summary>The labels the card shows of each alert, in this order (<c>job</c> only when there is no <c>service</c>).</summary>
    public static readonly IReadOnlyList<string> DefaultCardLabels =
        ["alertname", "severity", "namespace", "service", "job", "deployment", "pod", "instance", "node", "mountpoint", "device", "cluster"];

    /// <summary>The alert labels the incident card shows, in order; unset, <see cref="DefaultCardLabels"/>.</summary>
    public string[]? CardLabels { get; set; }

    public IReadOnlyList<string> EffectiveCardLabels => CardLabels is { Length: > 0 } labels ? labels : DefaultCardLabels;

    /// <summary>Slack user ids invited to every new incident channel.</summary>
    public string[] DefaultResponders { get; set; } = [];

    /// <summary>When set, requests from any other workspace (<c>team_id</c>, e.g. another workspace of an Enterprise Grid) are refused.</summary>
    public string? TeamId { get; set; }

    /// <summary>When set, requests for any other Slack app (<c>api_app_id</c>) signed with the same secret are refused.</summary>
    public string? AppId { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);
}
