namespace ChatOpsIncidents.Bot.Security;

/// <summary>The authorization policies (each with its authentication scheme of the same name) that guard the writes.</summary>
internal static class AccessPolicies
{
    /// <summary>POST /webhooks/alertmanager: Alertmanager:BearerToken, or the generated token.</summary>
    public const string Alertmanager = "Alertmanager";

    /// <summary>The API's writes: a token of Api:Tokens, or the generated one.</summary>
    public const string Api = "Api";
}
