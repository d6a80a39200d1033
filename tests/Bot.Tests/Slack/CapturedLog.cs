using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>One log entry as <see cref="CapturedLogs"/> saw it, message formatted and exception appended.</summary>
public sealed record CapturedLog(string Category, int EventId, LogLevel Level, string Message);
