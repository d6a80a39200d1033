using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChatOpsIncidents.Bot.Http;

/// <summary>
/// Reads a JSON request body within a size limit, so that no endpoint buffers more than its limit: either the value (null for
/// an empty body) or the problem to answer, 413 when it is over the limit, 415 when it is not JSON, 400 when it is not the
/// JSON expected.
/// </summary>
internal sealed record JsonBody<T>(T? Value, int Status, string Title, string Detail)
    where T : class
{
    public bool IsRead => Status == StatusCodes.Status200OK;

    public IResult Problem => Problems.Create(Status, Title, Detail);

    /// <param name="what">What the body should be, for the problem's detail: "Alertmanager webhook".</param>
    /// <param name="tooLarge">The problem's detail when the body is over <paramref name="maxBytes"/>.</param>
    /// <param name="unsigned">Checks the raw body before it is parsed (a signature): its answer, when not null, is a 401's detail.</param>
    public static async Task<JsonBody<T>> ReadAsync(
        HttpRequest request, int maxBytes, JsonTypeInfo<T> type, string what, string tooLarge, CancellationToken cancellationToken,
        Func<byte[], string?>? unsigned = null)
    {
        byte[]? body = await RequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return new(null, StatusCodes.Status413PayloadTooLarge, "Payload too large", tooLarge);
        }
        if (unsigned?.Invoke(body) is { } refusal)
        {
            return new(null, StatusCodes.Status401Unauthorized, "Bad signature", refusal);
        }
        if (body.Length == 0)
        {
            return new(null, StatusCodes.Status200OK, "", "");
        }
        if (!request.HasJsonContentType())
        {
            return new(null, StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send the {what} as application/json; the request said \"{request.ContentType}\".");
        }
        try
        {
            return JsonSerializer.Deserialize(body, type) is { } value
                ? new(value, StatusCodes.Status200OK, "", "")
                : new(null, StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is JSON null; expected an object, the {what}.");
        }
        catch (JsonException exception)
        {
            return new(null, StatusCodes.Status400BadRequest, "Malformed JSON", JsonProblem.Describe(exception, type, what));
        }
    }
}
