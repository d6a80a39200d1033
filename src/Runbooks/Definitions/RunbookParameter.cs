using System.Text.RegularExpressions;

namespace ChatOpsIncidents.Runbooks.Definitions;

/// <summary>
/// A value the run needs, given as <c>name=value</c> or taken from <see cref="Default"/>, which may name an alert label
/// (<c>{{ labels.namespace }}</c>). A value must match <see cref="Pattern"/> in full when one is set.
/// </summary>
public sealed record RunbookParameter(string Name, string Description)
{
    public string? Default { get; init; }

    public Regex? Pattern { get; init; }
}
