namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary><c>files.completeUploadExternal</c> body.</summary>
internal sealed record CompleteUploadArguments(
    IReadOnlyList<UploadedFile> Files, string ChannelId, string? InitialComment = null, string? ThreadTs = null);
