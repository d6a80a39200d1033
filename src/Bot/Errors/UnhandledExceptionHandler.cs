using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace ChatOpsIncidents.Bot.Errors;

/// <summary>
/// Turns an unexpected failure into a problem answer. A database that cannot be reached is a 503, so callers
/// such as Alertmanager retry (deliveries are idempotent, so a retry of work that did land is harmless);
/// anything else is a 500.
/// </summary>
internal sealed partial class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        bool databaseDown = Causes(exception).Any(e => e is DbException or TimeoutException);
        int status = exception is BadHttpRequestException badRequest ? badRequest.StatusCode
            : databaseDown ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status500InternalServerError;
        LogFailed(logger, exception, httpContext.Request.Method, httpContext.Request.Path, status);

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = databaseDown ? "Database unavailable" : "Request failed",
                Detail = databaseDown
                    ? "The incident database could not be reached. Retry later; a repeated request is applied once."
                    : "The request failed; the bot's log has the details.",
            },
        });
    }

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "{Method} {Path} failed with {Status}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string path, int status);
}
