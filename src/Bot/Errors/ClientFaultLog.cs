namespace ChatOpsIncidents.Bot.Errors;

/// <summary>
/// Requests that failed through the client's own doing (a body arriving too slowly, one too large, broken framing, a client
/// that hung up): a warning without a stack trace, at most one a minute, so that slow or broken clients cannot flood the log.
/// The next warning says how many were left out.
/// </summary>
internal sealed partial class ClientFaultLog(TimeProvider time, ILogger<ClientFaultLog> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private DateTimeOffset _nextReport = DateTimeOffset.MinValue;
    private int _leftOut;

    public void Record(string method, string path, int status, string reason)
    {
        int leftOut;
        lock (_lock)
        {
            DateTimeOffset now = time.GetUtcNow();
            if (now < _nextReport)
            {
                _leftOut++;
                return;
            }
            _nextReport = now + Interval;
            leftOut = _leftOut;
            _leftOut = 0;
        }
        LogClientFault(logger, method, path, status, reason, leftOut);
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "{Method} {Path} answered {Status}, a client fault: {Reason} ({LeftOut} more client faults since the last of these warnings were not logged)")]
    private static partial void LogClientFault(ILogger logger, string method, string path, int status, string reason, int leftOut);
}
