namespace ChatOpsIncidents.Core.Incidents;

/// <summary>Who made a change: recorded on every timeline entry.</summary>
/// <param name="OnBehalfOf">
/// For an API client, whom it says it acts for (the request's <c>by</c>): its own claim, not verified; the client itself is
/// <see cref="Id"/>, the name of the token it presented.
/// </param>
public sealed record Actor(ActorKind Kind, string Id, string? Name = null, string? OnBehalfOf = null)
{
    public static Actor System { get; } = new(ActorKind.System, "system");

    public static Actor Alertmanager { get; } = new(ActorKind.Alertmanager, "alertmanager");

    public static Actor SlackUser(string userId, string? name = null) => new(ActorKind.SlackUser, userId, name);

    /// <param name="tokenName">The name of the token the client presented.</param>
    public static Actor Api(string tokenName, string? onBehalfOf = null) => new(ActorKind.Api, tokenName, OnBehalfOf: onBehalfOf);

    /// <param name="id">The person's email, or the identity provider's subject id when it gives no email.</param>
    public static Actor WebUser(string id, string? name = null) => new(ActorKind.WebUser, id, name);

    /// <summary>A person (in Slack or the dashboard) or an API client: someone working on the incident, not the bot or an alert.</summary>
    public bool IsHuman => Kind is ActorKind.SlackUser or ActorKind.Api or ActorKind.WebUser;

    public static Actor Runbook(string runbookId) => new(ActorKind.Runbook, runbookId);

    /// <summary>How plain text names the actor: a person's name when known, else the id (a token's name for the API).</summary>
    public string DisplayName => Name ?? Id;
}
