namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>How the forms read an optional text field: an empty or blank one is no value.</summary>
internal static class FormText
{
    public static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
