namespace ChatOpsIncidents.Core.Incidents;

/// <summary>Who made a change: recorded on every timeline entry.</summary>
public sealed record Actor(ActorKind Kind, string Id, string? Name = null)
{
    public static Actor System { get; } = new(ActorKind.System, "system");

    public static Actor Alertmanager { get; } = new(ActorKind.Alertmanager, "alertmanager");

    public static Actor SlackUser(string userId, string? name = null) => new(ActorKind.SlackUser, userId, name);

    public static Actor Api(string client) => new(ActorKind.Api, client);

    public static Actor Runbook(string runbookId) => new(ActorKind.Runbook, runbookId);
}
