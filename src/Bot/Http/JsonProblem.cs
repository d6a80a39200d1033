using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace ChatOpsIncidents.Bot.Http;

/// <summary>What is wrong with a JSON body, for a problem's detail: the field and what it must be, or where the JSON breaks.</summary>
internal static partial class JsonProblem
{
    /// <param name="body">The type the body was read as, to look up what the field at the error's path must be.</param>
    /// <param name="what">What the body should be: "incident".</param>
    public static string Describe(JsonException exception, JsonTypeInfo body, string what)
    {
        string? field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (exception.Message.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal))
        {
            string expected = Expected(field is null ? body : TypeAt(body, field));
            return field is null ? $"The body is not a valid {what}: it must be {expected}." : $"\"{field}\" must be {expected}.";
        }
        string reason = exception.Message.Split(" Path: ", 2)[0].Split(" LineNumber: ", 2)[0].TrimEnd();
        string where = $"line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}";
        return field is null
            ? $"The body is not a valid {what} ({where}): {reason}"
            : $"The body is not a valid {what} at \"{field}\" ({where}): {reason}";
    }

    /// <summary>The type of the value at a path such as "alerts[0].labels", or null when the path leaves the known types.</summary>
    private static JsonTypeInfo? TypeAt(JsonTypeInfo body, string path)
    {
        JsonTypeInfo? current = body;
        foreach (Match segment in PathSegment().Matches(path))
        {
            Type? next = segment.Groups["name"].Success
                ? current?.Properties.FirstOrDefault(property => property.Name == segment.Groups["name"].Value)?.PropertyType
                : current?.ElementType;
            current = next is null ? null : body.Options.GetTypeInfo(Nullable.GetUnderlyingType(next) ?? next);
        }
        return current;
    }

    /// <summary>A type as what a JSON value of it looks like.</summary>
    private static string Expected(JsonTypeInfo? type) => type switch
    {
        null => "a value of another kind",
        { Kind: JsonTypeInfoKind.Enumerable } => "an array",
        { Kind: JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary } => "an object",
        _ when type.Type == typeof(string) => "a string",
        _ when type.Type == typeof(bool) => "true or false",
        _ when type.Type == typeof(DateTimeOffset) || type.Type == typeof(DateTime) => "an ISO 8601 time such as \"2026-03-02T09:15:00Z\"",
        _ when type.Type.IsPrimitive || type.Type == typeof(decimal) => "a number",
        _ => "a value of another kind",
    };

    /// <summary>"alerts", "[0]" and "labels" of "alerts[0].labels".</summary>
    [GeneratedRegex(@"(?<name>[^.\[\]]+)|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
