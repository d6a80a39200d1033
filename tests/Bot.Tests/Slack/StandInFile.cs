namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>A file from <c>files.getUploadURLExternal</c> on: its announced length, the bytes once uploaded, and its title once completed.</summary>
public sealed record StandInFile(string Id, string Filename, long Length, byte[]? Content, string? Title, bool IsCompleted);
