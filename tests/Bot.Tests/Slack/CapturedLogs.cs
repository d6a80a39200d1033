using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>A logger provider that keeps everything logged at any level (up to 10,000 entries), for assertions.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (owner._entries.Count < MaxEntries)
            {
                owner._entries.Enqueue(new CapturedLog(category, eventId.Id, logLevel, formatter(state, exception) + (exception is null ? "" : "\n" + exception)));
            }
        }
    }
}
