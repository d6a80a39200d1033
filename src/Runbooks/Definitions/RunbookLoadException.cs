namespace ChatOpsIncidents.Runbooks.Definitions;

/// <summary>A runbook file the bot refuses to start with: the message names the file, the field and what is wrong.</summary>
public sealed class RunbookLoadException(string file, string field, string problem, Exception? inner = null)
    : Exception($"Runbook file {file}: {field}: {problem}", inner)
{
    public string File { get; } = file;

    public string Field { get; } = field;
}
