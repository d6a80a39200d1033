using Microsoft.AspNetCore.Mvc.Filters;

namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>
/// A strict Content-Security-Policy on every page: scripts, styles and connections from the bot itself only, nothing inline,
/// so that text from alerts or people that slipped through encoding still could not run.
/// </summary>
internal sealed class DashboardSecurityHeaders : IResultFilter
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        IHeaderDictionary headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
