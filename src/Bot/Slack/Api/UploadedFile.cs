namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>An entry of <c>files.completeUploadExternal</c>'s <c>files</c> array.</summary>
internal sealed record UploadedFile(string Id, string Title);
