namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>A user of the stand-in's workspace, as <c>users.info</c> shows it (the email in the profile, as with the users:read.email scope).</summary>
public sealed record StandInUser(string Id, string Name, string RealName, string Tz, bool IsBot = false, string? Email = null);
