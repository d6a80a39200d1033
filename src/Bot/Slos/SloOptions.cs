namespace ChatOpsIncidents.Bot.Slos;

public sealed class SloOptions
{
    public const string Section = "Slos";

    /// <summary>SLO spec files in Sloth's prometheus/v1 format, relative to the working directory; read at start.</summary>
    public string[] Files { get; set; } = [];
}
