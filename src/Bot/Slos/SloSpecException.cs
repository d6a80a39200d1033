namespace ChatOpsIncidents.Bot.Slos;

/// <summary>An SLO spec file the bot refuses: the message names the file (and line, when known), the SLO and the field, and what is wrong.</summary>
public sealed class SloSpecException(string file, int line, string? slo, string field, string problem)
    : Exception($"SLO file {file}{(line > 0 ? $" line {line}" : "")}: {(slo is null ? "" : $"SLO \"{slo}\": ")}{field}: {problem}")
{
    public string File { get; } = file;

    public string? Slo { get; } = slo;

    public string Field { get; } = field;
}
