using System.Text.RegularExpressions;

namespace ChatOpsIncidents.Runbooks.Definitions;

/// <summary>
/// The one template form runbooks use: <c>{{ labels.NAME }}</c> (an alert label) and <c>{{ params.NAME }}</c> (a parameter).
/// Nothing else is evaluated.
/// </summary>
public static partial class RunbookTemplate
{
    public const string Labels = "labels";
    public const string Params = "params";

    /// <summary>The text with each reference replaced; null when a reference has no value.</summary>
    public static string? Render(string template, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> parameters)
    {
        bool missing = false;
        string rendered = Reference().Replace(template, match =>
        {
            IReadOnlyDictionary<string, string> scope = match.Groups["scope"].Value == Labels ? labels : parameters;
            if (scope.TryGetValue(match.Groups["name"].Value, out string? value) && value.Length > 0)
            {
                return value;
            }
            missing = true;
            return "";
        });
        return missing ? null : rendered;
    }

    /// <summary>Every (scope, name) the template refers to.</summary>
    public static IEnumerable<(string Scope, string Name)> References(string template) =>
        Reference().Matches(template).Select(match => (match.Groups["scope"].Value, match.Groups["name"].Value));

    /// <summary>Text that looks like a template but is not one this knows (a typo such as <c>{{ param.x }}</c>).</summary>
    public static bool HasUnknownReference(string template) => Braces().Matches(template).Any(match => !Reference().IsMatch(match.Value));

    [GeneratedRegex(@"\{\{\s*(?<scope>labels|params)\.(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\{\{[^}]*\}\}")]
    private static partial Regex Braces();
}
