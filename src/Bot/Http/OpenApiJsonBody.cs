using Microsoft.OpenApi;

namespace ChatOpsIncidents.Bot.Http;

internal static class OpenApiJsonBody
{
    /// <summary>
    /// Documents an <c>application/json</c> request body of <typeparamref name="T"/> that the endpoint reads itself. Not with
    /// <c>Accepts</c>: its metadata makes routing answer 415 to another content type before authentication runs.
    /// </summary>
    public static RouteHandlerBuilder DocumentsJsonBody<T>(this RouteHandlerBuilder endpoint, bool required = true) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) => operation.RequestBody = new OpenApiRequestBody
        {
            Required = required,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken) },
            },
        });
}
