using ChatOpsIncidents.Bot.Security;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Api;

/// <summary>Guards the API's write endpoints with <c>Api:Token</c> when one is configured.</summary>
internal sealed class ApiTokenFilter(IOptions<ApiOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (options.Value.Token is { Length: > 0 } token && !BearerToken.IsPresented(context.HttpContext.Request, token))
        {
            return BearerToken.Challenge("This endpoint needs the header \"Authorization: Bearer <token>\" with the token set in Api:Token.");
        }
        return await next(context);
    }
}
