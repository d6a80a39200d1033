namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>A channel of the stand-in's workspace, or a direct-message conversation (<see cref="IsDirect"/>, no name).</summary>
public sealed record StandInChannel(
    string Id, string Name, bool IsPrivate, bool IsDirect, string Topic, IReadOnlyList<string> Members, bool IsArchived);
