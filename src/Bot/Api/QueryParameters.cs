using System.Globalization;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Api;

/// <summary>Reads the API's optional query parameters, collecting a problem naming each one that does not parse.</summary>
internal static class QueryParameters
{
    public delegate bool TryParser<T>(string text, out T value);

    public static T? ParseOptional<T>(string? text, string name, string expected, TryParser<T> parse, List<string> problems)
        where T : struct
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (parse(text, out T value))
        {
            return value;
        }
        problems.Add($"\"{name}\" must be {expected}, was \"{text}\".");
        return null;
    }

    /// <summary>An enum member by name, any case; numbers are refused.</summary>
    public static bool TryParseName<T>(string text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    public static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);

    public static bool TryParsePage(string text, out int page) => int.TryParse(text, out page) && page >= 1;

    public static bool TryParsePageSize(string text, out int size) =>
        int.TryParse(text, out size) && size is >= 1 and <= IncidentFilter.MaxPageSize;
}
