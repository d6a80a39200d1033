using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace ChatOpsIncidents.Bot.Errors;

/// <summary>
/// Turns an unexpected failure into a problem answer. A database that cannot be reached is a 503, so callers
/// such as Alertmanager retry (deliveries are idempotent, so a retry of work that did land is harmless);
/// a client's own fault (<see cref="BadHttpRequestException"/>: a body too slow or too large, broken framing; or a client
/// that hung up) is its 4xx, logged by <see cref="ClientFaultLog"/>; anything else is a 500, logged as an error.
/// </summary>
internal sealed partial class UnhandledExceptionHandler(
    IProblemDetailsService problems, ClientFaultLog clientFaults, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The status nginx made common for a request whose client closed the connection before the answer.</summary>
    private const int ClientClosedRequest = 499;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        HttpRequest request = httpContext.Request;
        if (ClientFault(httpContext, exception) is { } status)
        {
            clientFaults.Record(request.Method, request.Path, status, exception.Message);
            return await WriteAsync(httpContext, exception, status, "Bad request", exception is BadHttpRequestException ? exception.Message : "The client closed the request.");
        }
        bool databaseDown = Causes(exception).Any(e => e is DbException or TimeoutException);
        status = databaseDown ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        LogFailed(logger, exception, request.Method, request.Path, status);
        return databaseDown
            ? await WriteAsync(httpContext, exception, status, "Database unavailable",
                "The incident database could not be reached. Retry later; a repeated request is applied once.")
            : await WriteAsync(httpContext, exception, status, "Request failed", "The request failed; the bot's log has the details.");
    }

    private static int? ClientFault(HttpContext httpContext, Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: < 500 } badRequest => badRequest.StatusCode,
        OperationCanceledException or IOException when httpContext.RequestAborted.IsCancellationRequested => ClientClosedRequest,
        _ => null,
    };

    private async ValueTask<bool> WriteAsync(HttpContext httpContext, Exception exception, int status, string title, string detail)
    {
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
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
