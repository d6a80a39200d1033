using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack;

public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>The bot's xoxb- token. Without it Slack is off and the bot works through its API only.</summary>
    public string? BotToken { get; set; }

    /// <summary>Verifies that requests to /slack/* come from Slack: turns the HTTP transport on. This or <see cref="AppToken"/> is required when Slack is on.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>An app-level xapp- token with <c>connections:write</c>: turns Socket Mode on (no public endpoint needed).</summary>
    public string? AppToken { get; set; }

    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary><see cref="ApiBaseUrl"/> ending in "/", so that method names resolve under it.</summary>
    public Uri ApiRoot => ApiBaseUrl.AbsoluteUri.EndsWith('/') ? ApiBaseUrl : new Uri(ApiBaseUrl.AbsoluteUri + "/");

    /// <summary>Where new incidents are announced, e.g. "#incidents" or a channel id. Required when Slack is on.</summary>
    public string? IncidentsChannel { get; set; }

    /// <summary>
    /// The least severe incident that gets a channel of its own ("SEV1".."SEV4"; every severity by default). A less severe one
    /// lives in a thread in <see cref="IncidentsChannel"/> instead: its card there, its news in the card's thread.
    /// </summary>
    public string ChannelFor { get; set; } = "SEV4";

    /// <summary><see cref="ChannelFor"/> read; validated at start.</summary>
    public Severity OwnChannelsThrough => SeverityText.TryParse(ChannelFor, out Severity severity) ? severity : Severity.Sev4;

    /// <summary>Incident channels are named "&lt;prefix&gt;-&lt;n&gt;-&lt;slug&gt;".</summary>
    public string ChannelPrefix { get; set; } = "inc";

    /// <summary>The labels the card shows of each alert, in this order (<c>job</c> only when there is no <c>service</c>).</summary>
    public static readonly IReadOnlyList<string> DefaultCardLabels =
        ["alertname", "severity", "namespace", "service", "job", "deployment", "pod", "instance", "node", "mountpoint", "device", "cluster"];

    /// <summary>The alert labels the incident card shows, in order; unset, <see cref="DefaultCardLabels"/>.</summary>
    public string[]? CardLabels { get; set; }

    public IReadOnlyList<string> EffectiveCardLabels => CardLabels is { Length: > 0 } labels ? labels : DefaultCardLabels;

    /// <summary>
    /// How long news of alerts firing or resolving waits for more before an incident channel hears it, so that a group's
    /// alerts changing one delivery after another are told in one line rather than a line each. Other news goes out at once,
    /// and takes what alert news is waiting with it.
    /// </summary>
    public TimeSpan AlertLinesDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Slack user ids invited to every new incident channel.</summary>
    public string[] DefaultResponders { get; set; } = [];

    /// <summary>
    /// Slack user ids and user-group handles (<c>@oncall</c>) who may change an incident from Slack (acknowledge, resolve,
    /// severity, roles, notes); empty: everyone in the workspace.
    /// </summary>
    public string[] Responders { get; set; } = [];

    /// <summary>When set, requests from any other workspace (<c>team_id</c>, e.g. another workspace of an Enterprise Grid) are refused.</summary>
    public string? TeamId { get; set; }

    /// <summary>When set, requests for any other Slack app (<c>api_app_id</c>) signed with the same secret are refused.</summary>
    public string? AppId { get; set; }

    /// <summary>Incident channels are created private, so only the people invited read them.</summary>
    public bool PrivateChannels { get; set; }

    /// <summary>Where what runbook runs gather goes; unset: the channel when incident channels are private, else an ephemeral reply.</summary>
    public RunbookOutput? RunbookOutput { get; set; }

    public RunbookOutput EffectiveRunbookOutput => RunbookOutput ?? (PrivateChannels ? Slack.RunbookOutput.Channel : Slack.RunbookOutput.Ephemeral);

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>Slack's requests arrive at /slack/*, signed.</summary>
    public bool HttpEnabled => Enabled && !string.IsNullOrWhiteSpace(SigningSecret);

    /// <summary>The bot opens a WebSocket to Slack and receives its requests there.</summary>
    public bool SocketModeEnabled => Enabled && !string.IsNullOrWhiteSpace(AppToken);
}
