using System.Diagnostics.CodeAnalysis;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// What an option of the incident card's menu asks for, carried as its value: "INC-42|severity|SEV1" or
/// "INC-42|runbook|&lt;runbook id&gt;" or "INC-42|dryrun|&lt;runbook id&gt;". Exactly one of <see cref="Severity"/> and
/// <see cref="RunbookId"/> is set.
/// </summary>
internal sealed record IncidentMenuChoice
{
    private const char Separator = '|';
    private const string SeverityKind = "severity";
    private const string RunbookKind = "runbook";
    private const string DryRunKind = "dryrun";

    private IncidentMenuChoice(IncidentKey key, Severity? severity, string? runbookId, bool dryRun = false)
    {
        Key = key;
        Severity = severity;
        RunbookId = runbookId;
        DryRun = dryRun;
    }

    public IncidentKey Key { get; }

    public Severity? Severity { get; }

    public string? RunbookId { get; }

    /// <summary>The runbook is to be shown as a dry run: its requests, none sent.</summary>
    public bool DryRun { get; }

    /// <summary>The option value Slack sends back as <c>selected_option.value</c>.</summary>
    public string Value => Severity is { } severity
        ? $"{Key}{Separator}{SeverityKind}{Separator}{severity.ToDisplay()}"
        : $"{Key}{Separator}{(DryRun ? DryRunKind : RunbookKind)}{Separator}{RunbookId}";

    public static IncidentMenuChoice ChangeSeverity(IncidentKey key, Severity severity) => new(key, severity, null);

    public static IncidentMenuChoice RunRunbook(IncidentKey key, string runbookId, bool dryRun = false) => new(key, null, runbookId, dryRun);

    public static bool TryParse(string? value, [NotNullWhen(true)] out IncidentMenuChoice? choice)
    {
        choice = null;
        string[] parts = (value ?? "").Split(Separator, 3);
        if (parts.Length != 3 || !IncidentKey.TryParse(parts[0], out IncidentKey key) || parts[2].Length == 0)
        {
            return false;
        }
        if (parts[1] == SeverityKind && SeverityText.TryParse(parts[2], out Severity severity))
        {
            choice = ChangeSeverity(key, severity);
        }
        else if (parts[1] is RunbookKind or DryRunKind)
        {
            choice = RunRunbook(key, parts[2], dryRun: parts[1] == DryRunKind);
        }
        return choice is not null;
    }
}
