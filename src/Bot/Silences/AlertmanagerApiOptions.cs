namespace ChatOpsIncidents.Bot.Silences;

/// <summary>
/// Where the bot makes silences: the API v2 of Alertmanager, in the <c>Alertmanager</c> section beside the webhook's settings
/// (<see cref="Alertmanager.AlertmanagerOptions"/>). No <see cref="Urls"/>: the silence features say Alertmanager is not configured.
/// </summary>
public sealed class AlertmanagerApiOptions
{
    public const string Section = "Alertmanager";

    /// <summary>The base URLs of Alertmanager, one per member of an HA pair (they gossip silences): each request goes to the first that answers.</summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>Basic authentication for the API (a proxy in front of Alertmanager); with <see cref="ApiPassword"/>.</summary>
    public string ApiUsername { get; set; } = "";

    public string ApiPassword { get; set; } = "";

    /// <summary>A bearer token for the API; not with <see cref="ApiUsername"/>.</summary>
    public string ApiBearerToken { get; set; } = "";

    /// <summary>How long one request to one member may take before the next member is tried.</summary>
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsConfigured => Urls.Count > 0;

    /// <summary>The members' addresses, each ending in a slash so that relative paths append to it.</summary>
    public IReadOnlyList<Uri> BaseAddresses => [.. Urls
        .Select(url => Uri.TryCreate(url, UriKind.Absolute, out Uri? address) ? address : null)
        .OfType<Uri>()
        .Select(address => new Uri(address.AbsoluteUri.EndsWith('/') ? address.AbsoluteUri : address.AbsoluteUri + "/"))];
}
