namespace ChatOpsIncidents.Bot.Api;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>When set, the API's write endpoints need <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public string? Token { get; set; }
}
