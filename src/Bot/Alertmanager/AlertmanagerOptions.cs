namespace ChatOpsIncidents.Bot.Alertmanager;

public sealed class AlertmanagerOptions
{
    public const string Section = "Alertmanager";

    /// <summary>
    /// The bearer token webhook requests must carry (<c>Authorization: Bearer &lt;token&gt;</c>). Unset, the bot generates one on
    /// its first start (see <c>Security/AccessTokens</c>), unless <see cref="AllowAnonymous"/> is set.
    /// </summary>
    public string? BearerToken { get; set; }

    /// <summary>Accepts webhooks without a token: anyone who can reach the bot can then open and resolve incidents. Warned at every start.</summary>
    public bool AllowAnonymous { get; set; }
}
