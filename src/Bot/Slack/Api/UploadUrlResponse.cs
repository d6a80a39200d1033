namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary><c>files.getUploadURLExternal</c> answer: where to POST the bytes, and the id of the file-to-be.</summary>
internal sealed record UploadUrlResponse(string UploadUrl, string FileId);
