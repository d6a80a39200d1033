namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>A horizontal rule.</summary>
public sealed record DividerBlock : Block;
