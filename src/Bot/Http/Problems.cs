namespace ChatOpsIncidents.Bot.Http;

/// <summary>RFC 7807 problem answers with a title and a detail that says what to fix.</summary>
internal static class Problems
{
    public static IResult BadRequest(string title, string detail) => Create(StatusCodes.Status400BadRequest, title, detail);

    public static IResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Conflict(string detail) => Create(StatusCodes.Status409Conflict, "Not allowed in this state", detail);

    public static IResult Create(int status, string title, string detail) => TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
