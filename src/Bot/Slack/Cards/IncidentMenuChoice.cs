using System.Diagnostics.CodeAnalysis;
using ChatOpsIncidents.Bot.Silences;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// What an option of the incident card's menu asks for, carried as its value: "INC-42|severity|SEV1",
/// "INC-42|runbook|&lt;runbook id&gt;", "INC-42|dryrun|&lt;runbook id&gt;" or "INC-42|silence|4h". Exactly one of
/// <see cref="Severity"/>, <see cref="RunbookId"/> and <see cref="Silence"/> is set.
/// </summary>
internal sealed record IncidentMenuChoice
{
    private const char Separator = '|';
    private const string SeverityKind = "severity";
    private const string RunbookKind = "runbook";
    private const string DryRunKind = "dryrun";
    private const string SilenceKind = "silence";

    private IncidentMenuChoice(IncidentKey key, Severity? severity, string? runbookId, bool dryRun = false, SilenceLength? silence = null)
    {
        Key = key;
        Severity = severity;
        RunbookId = runbookId;
        DryRun = dryRun;
        Silence = silence;
    }

    public IncidentKey Key { get; }

    public Severity? Severity { get; }

    public string? RunbookId { get; }

    /// <summary>The runbook is to be shown as a dry run: its requests, none sent.</summary>
    public bool DryRun { get; }

    /// <summary>How long to silence the incident's alerts.</summary>
    public SilenceLength? Silence { get; }

    /// <summary>The option value Slack sends back as <c>selected_option.value</c>.</summary>
    public string Value => (Severity, Silence) switch
    {
        ({ } severity, _) => $"{Key}{Separator}{SeverityKind}{Separator}{severity.ToDisplay()}",
        (_, { } silence) => $"{Key}{Separator}{SilenceKind}{Separator}{silence.Text}",
        _ => $"{Key}{Separator}{(DryRun ? DryRunKind : RunbookKind)}{Separator}{RunbookId}",
    };

    public static IncidentMenuChoice ChangeSeverity(IncidentKey key, Severity severity) => new(key, severity, null);

    public static IncidentMenuChoice RunRunbook(IncidentKey key, string runbookId, bool dryRun = false) => new(key, null, runbookId, dryRun);

    public static IncidentMenuChoice SilenceAlerts(IncidentKey key, SilenceLength length) => new(key, null, null, silence: length);

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
        else if (parts[1] == SilenceKind && SilenceLength.TryParse(parts[2], out SilenceLength length))
        {
            choice = SilenceAlerts(key, length);
        }
        else if (parts[1] is RunbookKind or DryRunKind)
        {
            choice = RunRunbook(key, parts[2], dryRun: parts[1] == DryRunKind);
        }
        return choice is not null;
    }
}
