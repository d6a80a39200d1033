namespace ChatOpsIncidents.Bot.Alertmanager;

public sealed class AlertmanagerOptions
{
    public const string Section = "Alertmanager";

    /// <summary>When set, webhook requests must carry <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public string? BearerToken { get; set; }
}
