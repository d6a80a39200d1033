using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>A Block Kit block. Each block type is a sealed record registered below, serialized with its "type".</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
public abstract record Block;
