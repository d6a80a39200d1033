using System.Text.Json.Nodes;

namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>A message the stand-in keeps (ephemeral messages are not kept, as in Slack).</summary>
public sealed record StandInMessage(string Channel, string Ts, string? Text, JsonArray? Blocks, string? ThreadTs, IReadOnlyList<string> Files);
